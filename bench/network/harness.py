"""The network benchmark orchestrator (run it through bench/network/run-network-bench).

For each workload, for each server that speaks it: start the server pinned to the server
CPU, wait until it answers a probe, warm it up, load it from the client CPU, measure the
server's CPU time over exactly the timed window, stop it. Then write the raw results as
JSON (bench-results/network/) and the Markdown report (docs/bench/network.md).

Workloads run in the outer loop and servers in the inner one, so the servers compared in
one table ran minutes apart, under the same background noise.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import probes
import report
import sysinfo

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
RESULTS = ROOT / "bench-results" / "network"
BIN = RESULTS / "bin"
BENCH_JAR = ROOT / "jasyncio-bench" / "target" / "jasyncio-benchmarks.jar"
SERVER_PYTHON = "/usr/bin/python3"


@dataclass(frozen=True)
class Workload:
    name: str            # e.g. echo-1k-c10, http-c100
    speaks: str          # echo | http
    connections: int
    size: int = 0        # echo message size in bytes

    @property
    def label(self):
        if self.speaks == "echo":
            return f"echo {self.size // 1024} KiB, {self.connections} connections"
        return f"HTTP keep-alive (wrk), {self.connections} connections"


WORKLOADS = [
    Workload(f"echo-{size}k-c{conns}", "echo", conns, size * 1024)
    for size in (1, 10, 100) for conns in (10, 1000)
] + [Workload(f"http-c{conns}", "http", conns) for conns in (100, 1000)]


@dataclass
class Server:
    name: str
    label: str
    speaks: str
    cmd: str
    jvm: bool = False
    needs: list = field(default_factory=list)
    pending: bool = False


@dataclass
class Settings:
    duration: float
    warmup: float
    jvm_warmup: float
    server_cpu: int
    client_cpu: int
    start_timeout: float
    jvm_start_timeout: float


def load_config(path):
    with open(path, "rb") as f:
        config = tomllib.load(f)
    servers = [Server(**entry) for entry in config.get("server", [])]
    names = [s.name for s in servers]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        sys.exit(f"{path}: server names must be unique, repeated: {sorted(duplicates)}")
    return config.get("vars", {}), servers, {"targets": config.get("target", []),
                                             "ratios": config.get("report", {})}


def expand(template, values, keep=("port",)):
    """Fills {placeholders} repeatedly (a [vars] value may use other placeholders);
    the ones in keep are left for later ({port} is chosen per run)."""
    def fill(m):
        name = m.group(1)
        if name in keep:
            return m.group(0)
        if name not in values:
            raise ValueError(f"unknown placeholder {{{name}}} in: {template}")
        return str(values[name])

    text = template
    for _ in range(5):
        new = re.sub(r"\{(\w+)\}", fill, text)
        if new == text:
            return text
        text = new
    raise ValueError(f"placeholders nest too deeply in: {template}")


# ---------------------------------------------------------------- building what is needed

def run_quiet(cmd, cwd=ROOT, timeout=1800):
    """Runs a build step; returns None on success or the reason it failed."""
    try:
        proc = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{shlex.join(cmd)}: {e}"
    if proc.returncode != 0:
        tail = " | ".join(proc.stdout.strip().splitlines()[-5:])
        return f"{shlex.join(cmd)} exited with status {proc.returncode}: {tail}"
    return None


def prepare(needs, log):
    """Builds or checks each requirement once; returns {need: None or why unavailable}."""
    status = {}
    for need in needs:
        log(f"prepare: {need}")
        if need == "c":
            BIN.mkdir(parents=True, exist_ok=True)
            why = None
            if not shutil.which("gcc"):
                why = "gcc is not installed (apt-get install -y gcc)"
            for prog in ("netserver", "echoload"):
                why = why or run_quiet(["gcc", "-O2", "-Wall", "-o", str(BIN / prog),
                                        str(HERE / "c" / f"{prog}.c")])
            status[need] = why
        elif need == "netty":
            if not os.environ.get("JAVA_HOME"):
                status[need] = "no JDK 25 found (scripts/env.sh looked for one)"
            elif not shutil.which("mvn"):
                status[need] = "Maven is not on PATH"
            else:
                status[need] = run_quiet([str(ROOT / "scripts" / "mvn"), "-q", "-pl", "jasyncio-bench",
                                          "-am", "package", "-DskipTests"])
                if status[need] is None and not BENCH_JAR.exists():
                    status[need] = f"the build did not produce {BENCH_JAR}"
        elif need == "jasyncio":
            # ./jasyncio builds itself when its sources changed: do it now, not under a probe.
            status[need] = run_quiet([str(ROOT / "jasyncio"), "help"])
        elif need == "python":
            status[need] = None if Path(SERVER_PYTHON).exists() else f"{SERVER_PYTHON} is missing"
        elif need == "uvloop":
            status[need] = run_quiet([SERVER_PYTHON, "-c", "import uvloop"]) and (
                f"uvloop is not importable by {SERVER_PYTHON} (apt-get install -y python3-uvloop)")
        elif need == "node":
            status[need] = None if shutil.which("node") else "node is not installed (apt-get install -y nodejs)"
        elif need == "wrk":
            status[need] = None if shutil.which("wrk") else "wrk is not installed (apt-get install -y wrk)"
        else:
            status[need] = f"unknown requirement '{need}' in servers.toml"
        if status[need]:
            log(f"prepare: {need} unavailable: {status[need]}")
    return status


# ---------------------------------------------------------------- processes and CPU time

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid):
    """pid and every process below it (a launcher may fork instead of exec)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def cpu_seconds(pids):
    """utime+stime of all threads of these processes, in seconds."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # fields 14 and 15 of proc(5)
    return total / os.sysconf("SC_CLK_TCK")


def sched_wait_seconds(pids):
    """Time the processes' threads spent runnable but waiting for a CPU (schedstat's
    second field): how much other work took from them during a window."""
    total = 0
    for pid in pids:
        try:
            tasks = list(Path(f"/proc/{pid}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                total += int((task / "schedstat").read_text().split()[1])
            except (OSError, IndexError, ValueError):
                pass
    return total / 1e9


def peak_rss_kib(pids):
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


class RunningServer:
    """A started server process in its own session (so stopping it stops its children)."""

    def __init__(self, server, argv, log_path, cpu):
        self.server = server
        self.log_path = log_path
        self.log_file = open(log_path, "wb")
        self.proc = subprocess.Popen(["taskset", "-c", str(cpu)] + argv, cwd=ROOT,
                                     stdin=subprocess.DEVNULL, stdout=self.log_file,
                                     stderr=subprocess.STDOUT, start_new_session=True)

    def exit_status(self):
        return self.proc.poll()

    def last_output(self):
        """The first and last line of what it printed (an error's headline is usually
        first, a stack trace's cause last)."""
        try:
            lines = [" ".join(l.split()) for l in Path(self.log_path).read_text(errors="replace").splitlines()
                     if l.strip()]
        except OSError:
            return ""
        shown = lines[:1] + lines[-1:] if len(lines) > 1 else lines
        return " ... ".join(shown)

    def stop(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log_file.close()


def wait_ready(running, port, speaks, timeout):
    """None once the server answers the probe; else why it is not available."""
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        status = running.exit_status()
        if status is not None:
            return f"the command exited with status {status}: {running.last_output() or '(no output)'}"
        try:
            probes.probe(speaks, port)
            return None
        except probes.ProbeError as e:
            # It answered, but wrongly: waiting longer will not help.
            out = running.last_output()
            return f"answered the {speaks} probe wrongly: {e}" + (f"; its output: {out}" if out else "")
        except ConnectionRefusedError:
            last_error = "connection refused"
        except OSError as e:
            last_error = str(e) or type(e).__name__
        time.sleep(0.2)
    out = running.last_output()
    return (f"did not answer the {speaks} probe within {timeout:.0f} s ({last_error})"
            + (f"; its output: {out}" if out else ""))


# ---------------------------------------------------------------- the load

def taskset(cpu):
    return ["taskset", "-c", str(cpu)]


# The timed echo run starts with this many seconds on its own fresh connections (their
# set-up, and the servers' per-connection start) before its window opens.
ECHO_SETTLE_S = 2.0


def echoload_command(workload, port, pids, warmup, duration, settings):
    return taskset(settings.client_cpu) + [
        str(BIN / "echoload"), "--port", str(port), "--connections", str(workload.connections),
        "--size", str(workload.size), "--warmup", str(warmup), "--duration", str(duration),
        "--cpu-pids", ",".join(map(str, pids))]


def run_echo(workload, port, pids, warmup, settings):
    # The warm-up is a load run of its own, on its own connections, as for HTTP: the timed
    # run then measures connections made to a warmed-up server. (On the JVM a connection
    # made while its code is still cold keeps paying for it: a jasyncio streams task
    # started then keeps interpreted frames at the bottom of its stack for its whole life,
    # which puts each of its later switches on the JVM's slow path.)
    if warmup > 0:
        warm = echoload_command(workload, port, pids, 0, warmup, settings)
        done = subprocess.run(warm, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              timeout=warmup + 120)
        if done.returncode != 0:
            raise RuntimeError(f"echoload (warm-up) failed (status {done.returncode}): "
                               + " | ".join(done.stderr.strip().splitlines()[-3:]))
    settle = min(ECHO_SETTLE_S, warmup)
    cmd = echoload_command(workload, port, pids, settle, settings.duration, settings)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=settle + settings.duration + 120)
    if proc.returncode != 0:
        raise RuntimeError(f"echoload failed (status {proc.returncode}): "
                           + " | ".join(proc.stderr.strip().splitlines()[-3:]))
    data = json.loads(proc.stdout)
    return {
        "requests": data["requests"], "window_s": data["window_s"], "rps": data["rps"],
        "latency_us": data["latency_us"], "server_cpu_s": data["server_cpu_s"],
        "client_cpu_s": data["client_cpu_s"],
        "server_wait_s": data["server_wait_s"], "client_wait_s": data["client_wait_s"],
        "errors": data["errors"] + data["bad_echoes"],
        "error_detail": (f"{data['errors']} connections failed, {data['bad_echoes']} bad echoes"
                         if data["errors"] or data["bad_echoes"] else ""),
        "load_command": shlex.join(cmd[3:]),
    }


def wrk_command(workload, port, seconds, client_cpu):
    return taskset(client_cpu) + [
        "wrk", "-t1", f"-c{workload.connections}", f"-d{max(1, round(seconds))}s", "--latency",
        "--timeout", "10s", "-s", str(HERE / "wrk-report.lua"), f"http://127.0.0.1:{port}/"]


def run_wrk_once(cmd, timeout):
    """Runs wrk; returns its JSON summary, with "wait_s": how long its threads waited for
    a CPU (sampled every 0.2 s while it runs, so the last 0.2 s are not counted)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + timeout
    wait_first = wait_last = None
    while proc.poll() is None and time.monotonic() < deadline:
        sample = sched_wait_seconds([proc.pid])
        if sample:
            wait_first = sample if wait_first is None else wait_first
            wait_last = sample
        time.sleep(0.2)
    try:
        out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise RuntimeError(f"wrk did not finish within {timeout:.0f} s")
    line = next((l for l in out.splitlines() if l.startswith("WRK_JSON ")), None)
    if proc.returncode != 0 or line is None:
        raise RuntimeError(f"wrk failed (status {proc.returncode}): "
                           + " | ".join((err or out).strip().splitlines()[-3:]))
    data = json.loads(line[len("WRK_JSON "):])
    data["wait_s"] = (wait_last or 0) - (wait_first or 0)
    return data


def run_http(workload, port, pids, warmup, settings):
    if warmup > 0:
        run_wrk_once(wrk_command(workload, port, warmup, settings.client_cpu), warmup + 120)
    cmd = wrk_command(workload, port, settings.duration, settings.client_cpu)
    # The window is wrk's whole life: its connection set-up (well under 1% of a timed
    # run) is counted in the server's CPU too, the same for every server.
    children_before = os.times()
    cpu0, wait0, t0 = cpu_seconds(pids), sched_wait_seconds(pids), time.monotonic()
    data = run_wrk_once(cmd, settings.duration + 120)
    cpu1, wait1, t1 = cpu_seconds(pids), sched_wait_seconds(pids), time.monotonic()
    children_after = os.times()
    client_cpu = ((children_after.children_user - children_before.children_user)
                  + (children_after.children_system - children_before.children_system))
    errors = data["errors"]
    error_count = sum(errors.values())
    wrk_seconds = data["duration_us"] / 1e6
    return {
        "requests": data["requests"], "window_s": t1 - t0,
        "rps": data["requests"] / wrk_seconds if wrk_seconds else 0.0,
        "latency_us": data["latency_us"], "server_cpu_s": cpu1 - cpu0, "client_cpu_s": client_cpu,
        "server_wait_s": wait1 - wait0, "client_wait_s": data["wait_s"],
        "errors": error_count,
        "error_detail": ", ".join(f"{v} {k}" for k, v in errors.items() if v),
        "load_command": shlex.join(cmd[3:]),
    }


def measure(server, workload, argv, settings, log_dir):
    """Runs one server on one workload; returns its result record."""
    warmup = settings.jvm_warmup if server.jvm else settings.warmup
    port = free_port()
    argv = [a.replace("{port}", str(port)) for a in argv]
    record = {"server": server.name, "label": server.label, "workload": workload.name,
              "command": shlex.join(argv), "warmup_s": warmup, "pending": server.pending}
    running = RunningServer(server, argv, log_dir / f"{workload.name}--{server.name}.log",
                            settings.server_cpu)
    try:
        timeout = settings.jvm_start_timeout if server.jvm else settings.start_timeout
        why = wait_ready(running, port, server.speaks, timeout)
        if why:
            record.update(status="unavailable", reason=why)
            return record
        pids = descendants(running.proc.pid)
        load = run_echo if workload.speaks == "echo" else run_http
        try:
            result = load(workload, port, pids, warmup, settings)
        except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError, KeyError) as e:
            status = running.exit_status()
            record.update(status="failed", reason=str(e) + (
                f"; the server exited with status {status}: {running.last_output() or '(no output)'}"
                if status is not None else ""))
            return record
        record.update(result)
        record["peak_rss_kib"] = peak_rss_kib(pids)
        if result["server_cpu_s"] is not None and result["requests"] > 0:
            record["cpu_us_per_request"] = result["server_cpu_s"] / result["requests"] * 1e6
        record["server_cpu_util"] = (result["server_cpu_s"] or 0) / result["window_s"]
        record["client_cpu_util"] = result["client_cpu_s"] / result["window_s"]
        record["server_wait_share"] = result["server_wait_s"] / result["window_s"]
        record["client_wait_share"] = result["client_wait_s"] / result["window_s"]
        if running.exit_status() is not None:
            record.update(status="failed", reason=f"the server exited during the run: {running.last_output()}")
        elif result["requests"] == 0:
            record.update(status="failed", reason="no request completed in the timed window")
        else:
            record["status"] = "ok"
        return record
    finally:
        running.stop()


# ---------------------------------------------------------------- main

def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run-network-bench",
        description="Runs jasyncio's servers side by side with the C, Netty, asyncio, uvloop "
                    "and Node servers (echo ping-pong and HTTP keep-alive) and writes "
                    "docs/bench/network.md.")
    p.add_argument("--quick", action="store_true",
                   help="short runs to check that every path works (2 s timed, 1 s warm-up, 5 s for JVMs)")
    p.add_argument("--only", metavar="REGEX",
                   help="run only the pairs whose 'server/workload' matches, e.g. 'netty|c-', 'echo-1k-c10$', '^c-http/'")
    p.add_argument("--duration", type=float, help="timed seconds per run (default 10; --quick 2)")
    p.add_argument("--warmup", type=float, help="warm-up seconds for native and script servers (default 3; --quick 1)")
    p.add_argument("--jvm-warmup", type=float, help="warm-up seconds for JVM servers (default 15; --quick 5)")
    p.add_argument("--server-cpu", type=int, default=0, help="CPU the servers are pinned to (default 0)")
    p.add_argument("--client-cpu", type=int, default=1, help="CPU the load client is pinned to (default 1)")
    p.add_argument("--config", default=str(HERE / "servers.toml"), help="the server list (default servers.toml)")
    p.add_argument("--report", default=str(ROOT / "docs" / "bench" / "network.md"),
                   help="the Markdown report to write (default docs/bench/network.md)")
    p.add_argument("--no-report", action="store_true", help="write the raw JSON only")
    p.add_argument("--report-only", metavar="RESULTS_JSON",
                   help="do not run anything: regenerate the report from a raw results file")
    p.add_argument("--list", action="store_true", help="list the servers and workloads, then stop")
    return p.parse_args(argv)


def main(argv):
    args = parse_args(argv)
    command = "bench/network/run-network-bench" + (" " + shlex.join(argv) if argv else "")
    vars_, servers, report_config = load_config(args.config)

    if args.report_only:
        results = json.loads(Path(args.report_only).read_text())
        report.write(Path(args.report), results, WORKLOADS, report_config)
        print(f"wrote {args.report}")
        return 0

    settings = Settings(
        duration=args.duration if args.duration is not None else (2.0 if args.quick else 10.0),
        warmup=args.warmup if args.warmup is not None else (1.0 if args.quick else 3.0),
        jvm_warmup=args.jvm_warmup if args.jvm_warmup is not None else (5.0 if args.quick else 15.0),
        server_cpu=args.server_cpu, client_cpu=args.client_cpu,
        start_timeout=20.0, jvm_start_timeout=60.0)
    only = re.compile(args.only) if args.only else None
    pairs = [(w, s) for w in WORKLOADS for s in servers
             if s.speaks == w.speaks and (only is None or only.search(f"{s.name}/{w.name}"))]
    if args.list or not pairs:
        for w, s in pairs:
            print(f"{s.name}/{w.name}")
        if not pairs:
            print("no server/workload pair matches --only", file=sys.stderr)
            return 0 if args.list else 2
        return 0

    cpus = os.sched_getaffinity(0)
    for cpu in (settings.server_cpu, settings.client_cpu):
        if cpu not in cpus:
            sys.exit(f"run-network-bench: CPU {cpu} is not available here (usable: {sorted(cpus)}); "
                     "choose others with --server-cpu/--client-cpu")
    if settings.server_cpu == settings.client_cpu:
        sys.exit("run-network-bench: the server and the client must run on different CPUs")
    if not shutil.which("taskset"):
        sys.exit("run-network-bench: taskset is missing (apt-get install -y util-linux)")

    stamp = time.strftime("%Y%m%d-%H%M%S")
    log_dir = RESULTS / "logs" / stamp
    log_dir.mkdir(parents=True, exist_ok=True)

    def log(msg):
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)

    needs = sorted({n for _, s in pairs for n in s.needs}
                   | ({"c"} if any(w.speaks == "echo" for w, _ in pairs) else set())
                   | ({"wrk"} if any(w.speaks == "http" for w, _ in pairs) else set()))
    ready = prepare(needs, log)
    machine = sysinfo.collect(ROOT, BENCH_JAR, SERVER_PYTHON, ready)
    machine["loadavg_start"] = sysinfo.loadavg()

    values = dict(vars_)
    values.update(root=str(ROOT), bin=str(BIN), python=SERVER_PYTHON, bench_jar=str(BENCH_JAR),
                  java=str(Path(os.environ.get("JAVA_HOME", "/nonexistent")) / "bin" / "java"))
    unavailable = {}  # server name -> reason (a server that failed to start is not retried)
    records = []
    started = time.time()
    for i, (workload, server) in enumerate(pairs, 1):
        tag = f"({i}/{len(pairs)}) {server.name}/{workload.name}"
        skip = next((f"{n}: {ready[n]}" for n in server.needs if ready.get(n)), None)
        if workload.speaks == "echo" and ready.get("c"):
            skip = skip or f"the echo load client could not be built: {ready['c']}"
        if workload.speaks == "http" and ready.get("wrk"):
            skip = skip or ready["wrk"]
        skip = skip or unavailable.get(server.name)
        if skip:
            log(f"{tag}: skipped: {skip}")
            records.append({"server": server.name, "label": server.label, "workload": workload.name,
                            "pending": server.pending, "status": "unavailable", "reason": skip})
            continue
        try:
            argv = shlex.split(expand(server.cmd, values))
        except ValueError as e:
            sys.exit(f"{args.config}: server {server.name}: {e}")
        log(f"{tag}: warm-up {settings.jvm_warmup if server.jvm else settings.warmup:g} s, "
            f"timed {settings.duration:g} s")
        record = measure(server, workload, argv, settings, log_dir)
        records.append(record)
        if record["status"] == "unavailable":
            unavailable[server.name] = record["reason"]
            log(f"{tag}: not available{' yet' if server.pending else ''}: {record['reason']}")
        elif record["status"] == "failed":
            log(f"{tag}: FAILED: {record['reason']}")
        else:
            log(f"{tag}: {record['rps']:,.0f} req/s, p50 {record['latency_us']['p50']:,.0f} us, "
                f"p99 {record['latency_us']['p99']:,.0f} us, server CPU "
                f"{record.get('cpu_us_per_request', float('nan')):.2f} us/req "
                f"({record['server_cpu_util']:.0%} busy, waited {record['server_wait_share']:.0%}), "
                f"client {record['client_cpu_util']:.0%} busy (waited {record['client_wait_share']:.0%})"
                + (f", ERRORS: {record['error_detail']}" if record["errors"] else ""))

    machine["loadavg_end"] = sysinfo.loadavg()
    results = {
        "command": command,
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "elapsed_s": round(time.time() - started, 1),
        "settings": settings.__dict__ | {"quick": args.quick, "only": args.only},
        "machine": machine,
        "servers": [s.__dict__ for s in servers],
        "report_config": report_config,
        "results": records,
    }
    out = RESULTS / f"network-{stamp}.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    log(f"raw results: {out.relative_to(ROOT)}; server logs: {log_dir.relative_to(ROOT)}/")
    if not args.no_report:
        report.write(Path(args.report), results, WORKLOADS, report_config)
        log(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)
