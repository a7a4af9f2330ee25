#!/usr/bin/env python3
"""Writes docs/bench/sync.md (to stdout) from the JMH JSON of SyncBenchmarks and the JSON
that sync_bench.py printed for asyncio and uvloop. Called by bench/run-sync-bench."""
import argparse
import datetime
import json
import os
import platform

# (JMH method, Python scenario, what one operation is)
ROWS = [
    ("queue", "queue", "1,000,000 items through `Queue(maxsize=100)`, producer task → consumer task"),
    ("lock", "lock", "1,000,000 uncontended `Lock` acquire/release (`async with lock`)"),
    ("lockNotInlined", "lock", "the same, `Lock` methods kept out of line (conservative)"),
    ("gather", "gather", "`gather` of 100,000 tasks (coroutines that return at once)"),
    ("gatherG1", "gather", "the same under the default G1 collector (for comparison)"),
    ("queuePingPong", "queue_ping_pong", "extra: 200,000 items through `Queue(maxsize=1)` (a task switch per item)"),
]
TARGET = 2.0


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt(x):
    return f"{x:,.0f}"


def main():
    p = argparse.ArgumentParser()
    for name in ("jmh", "asyncio", "uvloop", "java", "load_before", "load_after", "mode", "command"):
        p.add_argument("--" + name.replace("_", "-"), required=True)
    a = p.parse_args()
    with open(a.jmh) as f:
        jmh = {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"] for b in json.load(f)}
    with open(a.asyncio) as f:
        aio = json.load(f)
    with open(a.uvloop) as f:
        uv = json.load(f)

    out = []
    out.append("# Task API and synchronization: jasyncio vs asyncio vs uvloop\n")
    out.append("Written by `bench/run-sync-bench`; do not edit by hand. Scores are operations per "
               "second (higher is better); the ratio is jasyncio ÷ uvloop, the target ≥ 2×.\n")
    out.append("| scenario | jasyncio ops/s | asyncio ops/s | uvloop ops/s | × asyncio | × uvloop | ≥ 2× uvloop |")
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | :---: |")
    for method, scenario, what in ROWS:
        if method not in jmh or scenario not in aio["results"]:
            continue
        j = jmh[method]["score"]
        err = jmh[method].get("scoreError")
        jtxt = fmt(j) + (f" ± {fmt(err)}" if isinstance(err, (int, float)) and err == err else "")
        ai, u = aio["results"][scenario], uv["results"][scenario]
        ok = "yes" if j / u >= TARGET else "**no**"
        out.append(f"| {what} | {jtxt} | {fmt(ai)} | {fmt(u)} | {j / ai:,.1f}× | {j / u:,.1f}× | {ok} |")
    out.append("")
    out.append("## How it was measured\n")
    out.append(f"- Command: `{a.command}` ({a.mode} run), "
               f"{datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.")
    out.append("- jasyncio: JMH throughput mode, one fork, `@OperationsPerInvocation` = the scenario's count; "
               "each invocation runs the whole scenario on a loop opened once per trial "
               "(`jasyncio-bench/src/main/java/org/jasyncio/bench/sync/SyncBenchmarks.java`). "
               "The JVM gets the flags of docs/jvm-flags.md and `-XX:+UseParallelGC` (the throughput collector, "
               "as the test suite uses); the G1 row shows the default collector: its young pauses copy the "
               "100,000 tasks that are alive at once.")
    out.append(f"- asyncio and uvloop: `bench/python/sync_bench.py` on {aio['implementation']} {aio['python']} "
               f"and {uv['python']}: a fresh loop per run, one warm-up run, then the median of the runs.")
    out.append("- The Lock row in JMH keeps the lock in a field and hands it to a Blackhole inside each critical "
               "section, so the JIT cannot remove it; once inlined, the uncontended path is a few field "
               "operations, which is why the out-of-line row is given as the conservative figure.")
    out.append(f"- Machine: {os.cpu_count()} CPUs ({cpu_model()}), {platform.system()} {platform.release()}; "
               f"{a.java}.")
    out.append(f"- Load (`uptime`): before `{a.load_before.strip()}`; after `{a.load_after.strip()}`. "
               "The machine is shared: re-run on a quiet one for numbers to quote.")
    print("\n".join(out))


if __name__ == "__main__":
    main()
