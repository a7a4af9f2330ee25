/*
 * The echo ping-pong load client of the network benchmark. One thread, epoll, so that
 * it can saturate one core by itself:
 *
 *   echoload --port P --connections N --size S --warmup SEC --duration SEC
 *            [--host 127.0.0.1] [--cpu-pids PID,PID,...]
 *
 * Each of N connections sends a message of S bytes, waits until all S bytes came back,
 * and sends the next one at once (closed loop, one message in flight per connection).
 * A warm-up phase runs first and is not counted; then a timed phase counts completed
 * round trips and records each one's latency (send start to last echoed byte) in a
 * histogram of log-linear buckets (HDR-style: 32 sub-buckets per power of two, so any
 * reported value is within ~3% of the true one). At the end it prints one JSON object.
 *
 * With --cpu-pids it reads the CPU time (utime+stime, all threads) of those processes
 * from /proc/<pid>/stat at the exact start and end of the timed phase, so the server's
 * CPU cost is measured over exactly the window the requests were counted in.
 *
 * Design notes:
 * - Interest changes cost a system call, so the common path makes none: a connection
 *   waits for EPOLLIN only; EPOLLOUT is added just while a write was short (large
 *   messages), and the connection keeps reading meanwhile (the server may echo the head
 *   of a message before it has the tail; not reading could deadlock both sides).
 * - Echoed bytes are checked cheaply (first and last byte of every read against the
 *   pattern), so a server that answers with the wrong bytes fails the run without the
 *   client spending a memcmp per byte.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SUB_BITS 5
#define SUB_COUNT (1 << SUB_BITS)
#define BUCKETS (64 * SUB_COUNT)
#define READ_BUF (256 * 1024)
#define MAX_EVENTS 1024
#define MAX_PIDS 16

enum state { CONNECTING, RUNNING, DEAD };

struct conn {
    int fd;
    enum state state;
    size_t sent, received;
    uint64_t started_ns;
    int want_out;
};

static uint64_t g_hist[BUCKETS];
static uint64_t g_hist_count, g_hist_sum, g_hist_max;
static unsigned char *g_msg;
static size_t g_size;
static int g_epfd;
static char g_rbuf[READ_BUF];

static uint64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void die(const char *what) {
    fprintf(stderr, "echoload: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void fail(const char *msg) {
    fprintf(stderr, "echoload: %s\n", msg);
    exit(1);
}

/* ---- latency histogram (log-linear buckets) ---- */

static unsigned bucket_of(uint64_t v) {
    if (v < SUB_COUNT) return (unsigned)v;
    unsigned e = 63u - (unsigned)__builtin_clzll(v); /* e >= SUB_BITS */
    unsigned sub = (unsigned)(v >> (e - SUB_BITS)) & (SUB_COUNT - 1);
    return (e - SUB_BITS + 1) * SUB_COUNT + sub;
}

/* The midpoint of a bucket's value range. */
static double bucket_value(unsigned b) {
    if (b < SUB_COUNT) return b;
    unsigned e = b / SUB_COUNT + SUB_BITS - 1;
    unsigned sub = b % SUB_COUNT;
    double width = (double)(1ull << (e - SUB_BITS));
    double low = (double)(1ull << e) + sub * width;
    return low + width / 2;
}

static void record(uint64_t ns) {
    g_hist[bucket_of(ns)]++;
    g_hist_count++;
    g_hist_sum += ns;
    if (ns > g_hist_max) g_hist_max = ns;
}

static double percentile_ns(double p) {
    if (g_hist_count == 0) return 0;
    uint64_t rank = (uint64_t)(p / 100.0 * (double)g_hist_count);
    if (rank >= g_hist_count) rank = g_hist_count - 1;
    uint64_t seen = 0;
    for (unsigned b = 0; b < BUCKETS; b++) {
        seen += g_hist[b];
        if (seen > rank) {
            double v = bucket_value(b);
            return v > (double)g_hist_max ? (double)g_hist_max : v;
        }
    }
    return (double)g_hist_max;
}

/* ---- CPU time of other processes ---- */

static int g_pids[MAX_PIDS];
static int g_npids;

/* Sum of utime+stime (all threads) of the watched processes, in seconds; -1 if one died. */
static double pids_cpu_seconds(void) {
    static long hz;
    if (!hz) hz = sysconf(_SC_CLK_TCK);
    double total = 0;
    for (int i = 0; i < g_npids; i++) {
        char path[64], buf[4096];
        snprintf(path, sizeof path, "/proc/%d/stat", g_pids[i]);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) return -1;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0) return -1;
        buf[n] = 0;
        /* Fields after the command name (which may hold spaces) start after the last ')'. */
        char *p = strrchr(buf, ')');
        if (!p) return -1;
        p += 2; /* field 3, the state */
        unsigned long long utime = 0, stime = 0;
        for (int field = 3; field <= 15 && *p; field++) {
            char *end;
            unsigned long long v = strtoull(p, &end, 10);
            if (field == 14) utime = v;
            if (field == 15) stime = v;
            p = end;
            while (*p == ' ') p++;
            if (field == 3) { /* the state is a letter, strtoull did not move */
                while (*p && *p != ' ') p++;
                while (*p == ' ') p++;
            }
        }
        total += (double)(utime + stime) / (double)hz;
    }
    return total;
}

/*
 * How long threads waited on a run queue while runnable (the second field of
 * /proc/<pid>/task/<tid>/schedstat), summed over the watched processes' threads: CPU time
 * other programs took from them. The harness reports it so a noisy run shows as noisy.
 */
static double sched_wait_seconds(const int *pids, int npids) {
    unsigned long long total = 0;
    for (int i = 0; i < npids; i++) {
        char dir_path[64];
        snprintf(dir_path, sizeof dir_path, "/proc/%d/task", pids[i]);
        DIR *dir = opendir(dir_path);
        if (!dir) continue;
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            if (e->d_name[0] == '.') continue;
            char path[384];
            snprintf(path, sizeof path, "%s/%s/schedstat", dir_path, e->d_name);
            FILE *f = fopen(path, "re");
            if (!f) continue;
            unsigned long long run, wait;
            if (fscanf(f, "%llu %llu", &run, &wait) == 2) total += wait;
            fclose(f);
        }
        closedir(dir);
    }
    return (double)total / 1e9;
}

static double self_cpu_seconds(void) {
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

/* ---- connections ---- */

static void set_interest(struct conn *c, uint32_t events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    if (epoll_ctl(g_epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl(MOD)");
}

/* Writes as much of the current message as the kernel takes. Returns -1 on error. */
static int pump_write(struct conn *c) {
    while (c->sent < g_size) {
        ssize_t n = send(c->fd, g_msg + c->sent, g_size - c->sent, MSG_NOSIGNAL);
        if (n > 0) {
            c->sent += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->want_out) {
                c->want_out = 1;
                set_interest(c, EPOLLIN | EPOLLOUT);
            }
            return 0;
        } else {
            return -1;
        }
    }
    if (c->want_out) {
        c->want_out = 0;
        set_interest(c, EPOLLIN);
    }
    return 0;
}

static int start_message(struct conn *c, uint64_t now) {
    c->sent = 0;
    c->received = 0;
    c->started_ns = now;
    return pump_write(c);
}

static uint64_t g_done, g_errors, g_bad_bytes;
static int g_measuring;

/* Reads what arrived; on a complete echo, records it and starts the next message. */
static int pump_read(struct conn *c) {
    for (;;) {
        ssize_t n = read(c->fd, g_rbuf, sizeof g_rbuf);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0;
        if (n <= 0) return -1;
        size_t at = c->received;
        if (at + (size_t)n > c->sent) { /* more bytes than were sent: not an echo */
            g_bad_bytes++;
            return -1;
        }
        if ((unsigned char)g_rbuf[0] != g_msg[at] || (unsigned char)g_rbuf[n - 1] != g_msg[at + (size_t)n - 1]) {
            g_bad_bytes++;
            return -1;
        }
        c->received += (size_t)n;
        if (c->received == g_size) {
            uint64_t t = now_ns();
            if (g_measuring) {
                record(t - c->started_ns);
                g_done++;
            }
            return start_message(c, t);
        }
        if ((size_t)n < sizeof g_rbuf) return 0; /* drained for now; epoll will say */
    }
}

static void kill_conn(struct conn *c) {
    if (c->state != DEAD) {
        close(c->fd);
        c->state = DEAD;
        g_errors++;
    }
}

static void usage(void) {
    fprintf(stderr,
            "usage: echoload --port P --connections N --size BYTES --warmup SEC --duration SEC\n"
            "                [--host 127.0.0.1] [--cpu-pids PID,PID,...] [--connect-timeout SEC]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    int port = -1;
    long nconn = 0;
    double warmup = -1, duration = -1, connect_timeout = 30;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage();
        const char *k = argv[i], *v = argv[++i];
        if (!strcmp(k, "--host")) host = v;
        else if (!strcmp(k, "--port")) port = atoi(v);
        else if (!strcmp(k, "--connections")) nconn = atol(v);
        else if (!strcmp(k, "--size")) g_size = (size_t)atol(v);
        else if (!strcmp(k, "--warmup")) warmup = atof(v);
        else if (!strcmp(k, "--duration")) duration = atof(v);
        else if (!strcmp(k, "--connect-timeout")) connect_timeout = atof(v);
        else if (!strcmp(k, "--cpu-pids")) {
            char *copy = strdup(v), *save = NULL;
            for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
                if (g_npids == MAX_PIDS) fail("too many --cpu-pids");
                g_pids[g_npids++] = atoi(t);
            }
            free(copy);
        } else usage();
    }
    if (port <= 0 || nconn <= 0 || g_size == 0 || warmup < 0 || duration <= 0) usage();
    signal(SIGPIPE, SIG_IGN);

    g_msg = malloc(g_size);
    if (!g_msg) die("malloc");
    for (size_t i = 0; i < g_size; i++) g_msg[i] = (unsigned char)('a' + (i * 7 + i / 26) % 26);

    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) fail("--host must be an IPv4 address");

    g_epfd = epoll_create1(EPOLL_CLOEXEC);
    if (g_epfd < 0) die("epoll_create1");
    struct conn *conns = calloc((size_t)nconn, sizeof *conns);
    if (!conns) die("calloc");

    /* Connect everything (non-blocking), then run each connection as soon as it is up. */
    long connected = 0;
    uint64_t t_start = now_ns();
    for (long i = 0; i < nconn; i++) {
        struct conn *c = &conns[i];
        c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c->fd < 0) die("socket (raise ulimit -n?)");
        int one = 1;
        setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int rc = connect(c->fd, (struct sockaddr *)&addr, sizeof addr);
        if (rc < 0 && errno != EINPROGRESS) die("connect");
        c->state = CONNECTING;
        struct epoll_event ev = {.events = EPOLLOUT, .data.ptr = c};
        if (epoll_ctl(g_epfd, EPOLL_CTL_ADD, c->fd, &ev) < 0) die("epoll_ctl(ADD)");
    }

    struct epoll_event events[MAX_EVENTS];
    uint64_t warmup_end = 0, measure_end = 0, measure_start = 0;
    double cpu0 = 0, cpu1 = 0, self0 = 0, self1 = 0;
    double swait0 = 0, swait1 = 0, cwait0 = 0, cwait1 = 0;
    int self_pid[1] = {getpid()};
    long alive = nconn;
    int phase = 0; /* 0 connecting, 1 warm-up, 2 measuring, 3 done */
    while (phase < 3) {
        int n = epoll_wait(g_epfd, events, MAX_EVENTS, 50);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        uint64_t t = now_ns();
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (c->state == DEAD) continue;
            uint32_t ev = events[i].events;
            if (c->state == CONNECTING) {
                int err = 0;
                socklen_t len = sizeof err;
                getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
                if (err != 0) {
                    fprintf(stderr, "echoload: connect: %s\n", strerror(err));
                    kill_conn(c);
                    alive--;
                    continue;
                }
                c->state = RUNNING;
                connected++;
                set_interest(c, EPOLLIN);
                if (start_message(c, t) < 0) {
                    kill_conn(c);
                    alive--;
                }
                continue;
            }
            int rc = 0;
            if (ev & EPOLLOUT) rc = pump_write(c);
            if (rc == 0 && (ev & (EPOLLIN | EPOLLHUP | EPOLLERR))) rc = pump_read(c);
            if (rc < 0) {
                kill_conn(c);
                alive--;
            }
        }
        if (alive == 0) break;
        if (phase == 0) {
            if (connected == alive && connected > 0) {
                phase = 1;
                warmup_end = now_ns() + (uint64_t)(warmup * 1e9);
            } else if ((double)(t - t_start) / 1e9 > connect_timeout) {
                fprintf(stderr, "echoload: only %ld of %ld connections up after %.0f s\n", connected,
                        nconn, connect_timeout);
                return 1;
            }
        }
        if (phase == 1 && t >= warmup_end) {
            cpu0 = pids_cpu_seconds();
            self0 = self_cpu_seconds();
            swait0 = sched_wait_seconds(g_pids, g_npids);
            cwait0 = sched_wait_seconds(self_pid, 1);
            measure_start = now_ns();
            measure_end = measure_start + (uint64_t)(duration * 1e9);
            g_measuring = 1;
            phase = 2;
        } else if (phase == 2 && t >= measure_end) {
            measure_end = now_ns();
            cpu1 = pids_cpu_seconds();
            self1 = self_cpu_seconds();
            swait1 = sched_wait_seconds(g_pids, g_npids);
            cwait1 = sched_wait_seconds(self_pid, 1);
            g_measuring = 0;
            phase = 3;
        }
    }
    if (phase != 3) {
        fprintf(stderr, "echoload: every connection failed (%llu errors, %llu bad echoes)\n",
                (unsigned long long)g_errors, (unsigned long long)g_bad_bytes);
        return 1;
    }
    double window = (double)(measure_end - measure_start) / 1e9;
    printf("{\"tool\": \"echoload\", \"connections\": %ld, \"size\": %zu, \"warmup_s\": %.3f, "
           "\"window_s\": %.6f, \"requests\": %llu, \"rps\": %.1f, "
           "\"latency_us\": {\"p50\": %.2f, \"p90\": %.2f, \"p99\": %.2f, \"p999\": %.2f, "
           "\"max\": %.2f, \"mean\": %.2f}, ",
           nconn, g_size, warmup, window, (unsigned long long)g_done, (double)g_done / window,
           percentile_ns(50) / 1e3, percentile_ns(90) / 1e3, percentile_ns(99) / 1e3,
           percentile_ns(99.9) / 1e3, (double)g_hist_max / 1e3,
           g_hist_count ? (double)g_hist_sum / (double)g_hist_count / 1e3 : 0.0);
    if (g_npids > 0 && cpu0 >= 0 && cpu1 >= 0)
        printf("\"server_cpu_s\": %.3f, ", cpu1 - cpu0);
    else
        printf("\"server_cpu_s\": null, ");
    printf("\"client_cpu_s\": %.3f, \"server_wait_s\": %.3f, \"client_wait_s\": %.3f, "
           "\"errors\": %llu, \"bad_echoes\": %llu}\n",
           self1 - self0, swait1 - swait0, cwait1 - cwait0, (unsigned long long)g_errors,
           (unsigned long long)g_bad_bytes);
    return 0;
}
