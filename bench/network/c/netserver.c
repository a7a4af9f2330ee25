/*
 * The "practical limit" server of the network benchmark: one thread, level-triggered
 * epoll, non-blocking accept4/read/write, TCP_NODELAY. Two modes:
 *
 *   netserver --mode echo --port P [--host 127.0.0.1]
 *       writes back every byte it reads.
 *   netserver --mode http --port P [--host 127.0.0.1]
 *       HTTP/1.1 keep-alive: answers every well-formed GET with one fixed 200 response;
 *       pipelined requests are answered in order; anything else gets 400 and a close.
 *
 * Design notes (why it looks like this):
 * - Nothing here is clever on purpose. It is the floor a single-threaded event loop can
 *   reach on this kernel, so every other server is compared against it. Level-triggered
 *   epoll (like asyncio's selector loop, uvloop/libuv and the jasyncio readiness loop)
 *   keeps the comparison about the loop, not about epoll tricks.
 * - The common path reads into one shared buffer and writes straight back from it: no
 *   per-connection buffer unless a write was short. When a write is short the rest is
 *   copied aside, reading stops (EPOLLIN off, EPOLLOUT on) until it is flushed: that is
 *   back-pressure, so a client that does not read cannot make us buffer without bound.
 * - The HTTP parser only finds the end of the header block ("\r\n\r\n") and checks the
 *   request line; request bodies are not supported (a GET has none), which is all wrk
 *   sends.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define READ_CHUNK (64 * 1024)
#define HTTP_MAX_HEADER (16 * 1024)
#define MAX_EVENTS 512

static const char HTTP_OK[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: text/plain\r\n"
    "Content-Length: 13\r\n"
    "\r\n"
    "Hello, World!";
static const char HTTP_BAD[] =
    "HTTP/1.1 400 Bad Request\r\n"
    "Content-Length: 0\r\n"
    "Connection: close\r\n"
    "\r\n";

enum mode { MODE_ECHO, MODE_HTTP };

struct conn {
    int fd;
    /* Bytes accepted for sending but not yet written (only after a short write). */
    char *out;
    size_t out_len, out_off, out_cap;
    /* HTTP: request bytes read but not yet parsed (a partial request). */
    char *in;
    size_t in_len;
    int close_after_flush;
};

static enum mode g_mode;
static int g_epfd;
static struct conn **g_conns; /* indexed by fd */
static size_t g_conns_cap;
static char g_buf[READ_CHUNK];

static void die(const char *what) {
    perror(what);
    exit(1);
}

static struct conn *conn_new(int fd) {
    if ((size_t)fd >= g_conns_cap) {
        size_t cap = g_conns_cap ? g_conns_cap : 1024;
        while (cap <= (size_t)fd) cap *= 2;
        g_conns = realloc(g_conns, cap * sizeof *g_conns);
        if (!g_conns) die("realloc");
        memset(g_conns + g_conns_cap, 0, (cap - g_conns_cap) * sizeof *g_conns);
        g_conns_cap = cap;
    }
    struct conn *c = calloc(1, sizeof *c);
    if (!c) die("calloc");
    c->fd = fd;
    g_conns[fd] = c;
    return c;
}

static void conn_close(struct conn *c) {
    /* close() removes the fd from the epoll set (it is the only reference). */
    close(c->fd);
    g_conns[c->fd] = NULL;
    free(c->out);
    free(c->in);
    free(c);
}

static void set_interest(struct conn *c, uint32_t events) {
    struct epoll_event ev = {.events = events, .data.fd = c->fd};
    if (epoll_ctl(g_epfd, EPOLL_CTL_MOD, c->fd, &ev) < 0) die("epoll_ctl(MOD)");
}

/* Keeps data[0..len) for later, after a short write. */
static void out_append(struct conn *c, const char *data, size_t len) {
    size_t pending = c->out_len - c->out_off;
    if (c->out_off > 0 && pending > 0) memmove(c->out, c->out + c->out_off, pending);
    c->out_len = pending;
    c->out_off = 0;
    if (c->out_len + len > c->out_cap) {
        size_t cap = c->out_cap ? c->out_cap : 4096;
        while (cap < c->out_len + len) cap *= 2;
        c->out = realloc(c->out, cap);
        if (!c->out) die("realloc");
        c->out_cap = cap;
    }
    memcpy(c->out + c->out_len, data, len);
    c->out_len += len;
}

/*
 * Writes data now if nothing is queued; what the kernel does not take is queued and the
 * connection switches to waiting for EPOLLOUT. Returns -1 when the connection died.
 */
static int conn_send(struct conn *c, const char *data, size_t len) {
    if (c->out_len > c->out_off) {
        out_append(c, data, len);
        return 0;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t n = send(c->fd, data + off, len - off, MSG_NOSIGNAL);
        if (n > 0) {
            off += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            out_append(c, data + off, len - off);
            set_interest(c, EPOLLOUT);
            return 0;
        } else {
            c->close_after_flush = 0; /* the connection is dead: close it now */
            return -1;
        }
    }
    return 0;
}

/* EPOLLOUT: flush what a short write left; resume reading once it is all gone. */
static int conn_flush(struct conn *c) {
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (n > 0) {
            c->out_off += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return 0;
        } else {
            c->close_after_flush = 0; /* the connection is dead: close it now */
            return -1;
        }
    }
    c->out_len = c->out_off = 0;
    if (c->close_after_flush) return -1;
    set_interest(c, EPOLLIN);
    return 0;
}

static int header_says_close(const char *req, size_t len) {
    /* "Connection: close" anywhere in the header block (case-insensitive). */
    static const char name[] = "\r\nconnection:";
    for (size_t i = 0; i + sizeof name - 1 <= len; i++) {
        if (strncasecmp(req + i, name, sizeof name - 1) != 0) continue;
        size_t j = i + sizeof name - 1;
        while (j < len && (req[j] == ' ' || req[j] == '\t')) j++;
        return j + 5 <= len && strncasecmp(req + j, "close", 5) == 0;
    }
    return 0;
}

/*
 * Answers every complete request in buf[0..len); returns how many bytes it consumed,
 * or -1 when the connection must close (after what was queued is flushed).
 */
static ssize_t http_serve(struct conn *c, const char *buf, size_t len) {
    size_t pos = 0;
    for (;;) {
        const char *start = buf + pos;
        const char *end = memmem(start, len - pos, "\r\n\r\n", 4);
        if (!end) break;
        size_t req_len = (size_t)(end - start) + 4;
        const char *line_end = memchr(start, '\r', req_len);
        int well_formed = req_len > 4 && strncmp(start, "GET ", 4) == 0 && line_end != NULL &&
                          line_end - start >= 14 && strncmp(line_end - 9, " HTTP/1.", 8) == 0;
        if (!well_formed) {
            if (conn_send(c, HTTP_BAD, sizeof HTTP_BAD - 1) < 0) return -1;
            c->close_after_flush = 1;
            return -1;
        }
        int http10 = line_end[-1] == '0';
        int close = header_says_close(start, req_len - 2) || http10;
        if (conn_send(c, HTTP_OK, sizeof HTTP_OK - 1) < 0) return -1;
        pos += req_len;
        if (close) {
            c->close_after_flush = 1;
            return -1;
        }
    }
    return (ssize_t)pos;
}

/* Feeds newly read bytes to the HTTP parser, keeping a partial request for later. */
static int http_input(struct conn *c, const char *data, size_t n) {
    const char *buf = data;
    size_t len = n;
    if (c->in_len > 0) {
        if (c->in_len + n > HTTP_MAX_HEADER + READ_CHUNK) return -1;
        c->in = realloc(c->in, c->in_len + n);
        if (!c->in) die("realloc");
        memcpy(c->in + c->in_len, data, n);
        buf = c->in;
        len = c->in_len + n;
    }
    ssize_t used = http_serve(c, buf, len);
    if (used < 0) {
        c->in_len = 0;
        return -1;
    }
    size_t rest = len - (size_t)used;
    if (rest > HTTP_MAX_HEADER) {
        conn_send(c, HTTP_BAD, sizeof HTTP_BAD - 1);
        c->close_after_flush = 1;
        return -1;
    }
    if (rest == 0) {
        c->in_len = 0;
    } else if (buf == c->in) {
        memmove(c->in, c->in + used, rest);
        c->in_len = rest;
    } else {
        c->in = realloc(c->in, rest);
        if (!c->in) die("realloc");
        memcpy(c->in, buf + used, rest);
        c->in_len = rest;
    }
    return 0;
}

/* EPOLLIN: read what is there (one chunk; level-triggered epoll calls again if more). */
static int conn_readable(struct conn *c) {
    ssize_t n;
    do {
        n = read(c->fd, g_buf, sizeof g_buf);
    } while (n < 0 && errno == EINTR);
    if (n == 0) return -1;
    if (n < 0) return (errno == EAGAIN || errno == EWOULDBLOCK) ? 0 : -1;
    if (g_mode == MODE_ECHO) return conn_send(c, g_buf, (size_t)n);
    return http_input(c, g_buf, (size_t)n);
}

static void accept_all(int lfd) {
    for (;;) {
        int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return;
            if (errno == EMFILE || errno == ENFILE) {
                fprintf(stderr, "netserver: out of file descriptors (raise ulimit -n)\n");
                return;
            }
            die("accept4");
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        conn_new(fd);
        struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};
        if (epoll_ctl(g_epfd, EPOLL_CTL_ADD, fd, &ev) < 0) die("epoll_ctl(ADD)");
    }
}

static void usage(void) {
    fprintf(stderr, "usage: netserver --mode echo|http --port PORT [--host 127.0.0.1]\n");
    exit(2);
}

int main(int argc, char **argv) {
    const char *host = "127.0.0.1";
    const char *mode = NULL;
    int port = -1;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc) usage();
        if (strcmp(argv[i], "--mode") == 0) mode = argv[++i];
        else if (strcmp(argv[i], "--port") == 0) port = atoi(argv[++i]);
        else if (strcmp(argv[i], "--host") == 0) host = argv[++i];
        else usage();
    }
    if (!mode || port < 0 || port > 65535) usage();
    if (strcmp(mode, "echo") == 0) g_mode = MODE_ECHO;
    else if (strcmp(mode, "http") == 0) g_mode = MODE_HTTP;
    else usage();
    signal(SIGPIPE, SIG_IGN);

    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0) die("socket");
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
        fprintf(stderr, "netserver: --host must be an IPv4 address, got %s\n", host);
        return 2;
    }
    if (bind(lfd, (struct sockaddr *)&addr, sizeof addr) < 0) die("bind");
    if (listen(lfd, 4096) < 0) die("listen");

    g_epfd = epoll_create1(EPOLL_CLOEXEC);
    if (g_epfd < 0) die("epoll_create1");
    struct epoll_event lev = {.events = EPOLLIN, .data.fd = lfd};
    if (epoll_ctl(g_epfd, EPOLL_CTL_ADD, lfd, &lev) < 0) die("epoll_ctl(listen)");
    printf("netserver: %s on %s:%d\n", mode, host, port);
    fflush(stdout);

    struct epoll_event events[MAX_EVENTS];
    for (;;) {
        int n = epoll_wait(g_epfd, events, MAX_EVENTS, -1);
        if (n < 0) {
            if (errno == EINTR) continue;
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            int fd = events[i].data.fd;
            if (fd == lfd) {
                accept_all(lfd);
                continue;
            }
            struct conn *c = (size_t)fd < g_conns_cap ? g_conns[fd] : NULL;
            if (!c) continue;
            uint32_t ev = events[i].events;
            int rc = 0;
            if (ev & EPOLLOUT) rc = conn_flush(c);
            else if (ev & (EPOLLIN | EPOLLHUP | EPOLLERR)) rc = conn_readable(c);
            if (rc < 0 && !(c->close_after_flush && c->out_len > c->out_off)) conn_close(c);
        }
    }
}
