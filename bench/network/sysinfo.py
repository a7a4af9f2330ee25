"""What the report says about the machine and the software versions of a run."""

import os
import platform
import subprocess
from pathlib import Path


def first_line(cmd, stderr=False):
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (proc.stderr if stderr else proc.stdout) or proc.stdout or proc.stderr
    lines = [l for l in text.strip().splitlines() if l.strip() and not l.startswith("WARNING")]
    return lines[0].strip() if lines else None


def loadavg():
    try:
        return Path("/proc/loadavg").read_text().split()[:3]
    except OSError:
        return None


def field_of(path, key):
    """The value after "key:" on the first line of a /proc file that starts with key."""
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def cpu_model():
    return field_of("/proc/cpuinfo", "model name") or platform.processor() or None


def read_text(path):
    try:
        return Path(path).read_text().strip()
    except OSError:
        return None


def smt_siblings(cpu):
    return read_text(f"/sys/devices/system/cpu/cpu{cpu}/topology/thread_siblings_list")


def mem_total():
    kib = field_of("/proc/meminfo", "MemTotal:")
    return f"{int(kib.split()[0]) / 1024 / 1024:.1f} GiB" if kib else None


def git_revision(root):
    rev = first_line(["git", "-C", str(root), "rev-parse", "--short", "HEAD"])
    dirty = first_line(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"])
    return f"{rev}{' (with uncommitted changes)' if dirty else ''}" if rev else None


def netty_versions(java, bench_jar):
    try:
        proc = subprocess.run([java, "--sun-misc-unsafe-memory-access=allow",
                               "--enable-native-access=ALL-UNNAMED", "-cp", str(bench_jar),
                               "org.jasyncio.bench.network.NettyServer", "--version"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return "; ".join(proc.stdout.strip().splitlines()) or None


def collect(root, bench_jar, server_python, ready):
    java_home = os.environ.get("JAVA_HOME")
    java = str(Path(java_home) / "bin" / "java") if java_home else None
    info = {
        "nproc": os.cpu_count(),
        "cpu_model": cpu_model(),
        "memory": mem_total(),
        "kernel": platform.release(),
        "os": first_line(["sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\""]),
        "smt_siblings_cpu0": smt_siblings(0),
        "smt_siblings_cpu1": smt_siblings(1),
        "somaxconn": read_text("/proc/sys/net/core/somaxconn"),
        "git": git_revision(root),
        "gcc": first_line(["gcc", "--version"]),
        "wrk": first_line(["wrk", "-v"]),
        "python": first_line([server_python, "--version"]),
        "uvloop": first_line([server_python, "-c", "import uvloop; print(uvloop.__version__)"]),
        "node": first_line(["node", "--version"]),
        "jdk": first_line([java, "-version"], stderr=True) if java else None,
        "jdk_vm": None,
        "netty": None,
        "prepared": {k: (v or "ok") for k, v in ready.items()},
    }
    if java:
        try:
            out = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 text=True, timeout=60).stdout.strip().splitlines()
            info["jdk_vm"] = out[-1].strip() if out else None
        except (OSError, subprocess.TimeoutExpired):
            pass
        if ready.get("netty") is None and Path(bench_jar).exists():
            info["netty"] = netty_versions(java, bench_jar)
    return info
