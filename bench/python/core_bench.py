#!/usr/bin/env python3
"""The core workloads of issue 2 on CPython asyncio and uvloop.

The same five workloads, with the same counts, as
jasyncio-bench/src/main/java/org/jasyncio/bench/core/CoreWorkloads.java; keep the two in
step. Each workload runs --repeat times per loop kind (after one unmeasured warm-up run)
and the best and median operations per second are reported.

    python3 bench/python/core_bench.py [--quick] [--repeat N] [--loops asyncio,uvloop]
                                       [--only WORKLOAD,...|parked_task_memory] [--json FILE]

Memory per parked task is measured with tracemalloc: the bytes Python allocated and still
holds with 100,000 tasks parked on one never-completed future, minus before, divided by
100,000. tracemalloc counts every allocation through Python's allocators (objects,
frames, the loop's handles); the RSS growth is reported beside it for reference.

Run it with the Python that has uvloop (Debian: /usr/bin/python3 with python3-uvloop).
"""

import argparse
import asyncio
import gc
import json
import platform
import random
import statistics
import sys
import time
import tracemalloc

# Keep in step with CoreWorkloads.java.
CALLBACKS = 1_000_000
SWITCH_TASKS = 1_000
SWITCHES_PER_TASK = 1_000
TIMERS = 100_000
TIMER_MAX_DELAY = 0.001  # seconds: delays are uniform in [0, 1 ms)
TASKS = 1_000_000
TASK_BATCH = 1_000
PARKED_TASKS = 100_000
MEMORY = "parked_task_memory"  # the name of the memory measurement in --only and the results


def callsoon_batch(loop):
    """One callback schedules CALLBACKS trivial callbacks, then a stop."""
    count = 0

    def tick():
        nonlocal count
        count += 1

    def produce():
        call_soon = loop.call_soon
        for _ in range(CALLBACKS):
            call_soon(tick)
        call_soon(loop.stop)

    loop.call_soon(produce)
    loop.run_forever()
    check("callsoon_batch", CALLBACKS, count)
    return CALLBACKS


def callsoon_chain(loop):
    """A callback reschedules itself until it ran CALLBACKS times: one per iteration."""
    ran = 0

    def step():
        nonlocal ran
        ran += 1
        if ran < CALLBACKS:
            loop.call_soon(step)
        else:
            loop.stop()

    loop.call_soon(step)
    loop.run_forever()
    check("callsoon_chain", CALLBACKS, ran)
    return CALLBACKS


def task_switches(loop):
    """SWITCH_TASKS tasks each await asyncio.sleep(0) SWITCHES_PER_TASK times."""

    async def worker():
        for _ in range(SWITCHES_PER_TASK):
            await asyncio.sleep(0)
        return SWITCHES_PER_TASK

    async def main():
        workers = [loop.create_task(worker()) for _ in range(SWITCH_TASKS)]
        total = 0
        for w in workers:
            total += await w
        return total

    total = loop.run_until_complete(main())
    check("task_switches", SWITCH_TASKS * SWITCHES_PER_TASK, total)
    return total


def timer_delays():
    rng = random.Random(20250101)
    return [rng.random() * TIMER_MAX_DELAY for _ in range(TIMERS)]


def timers(loop, delays):
    """One callback schedules a call_later per delay; the last to fire stops the loop."""
    fired = 0
    n = len(delays)

    def fire():
        nonlocal fired
        fired += 1
        if fired == n:
            loop.stop()

    def schedule():
        call_later = loop.call_later
        for d in delays:
            call_later(d, fire)

    loop.call_soon(schedule)
    loop.run_forever()
    check("timers", n, fired)
    return n


def create_and_await(loop):
    """TASKS small tasks, created TASK_BATCH at a time, each batch awaited in order."""

    async def small(i):
        return i

    async def main():
        total = 0
        create_task = loop.create_task
        for base in range(0, TASKS, TASK_BATCH):
            batch = [create_task(small(base + i)) for i in range(min(TASK_BATCH, TASKS - base))]
            for t in batch:
                total += await t
        return total

    total = loop.run_until_complete(main())
    check("create_and_await", TASKS * (TASKS - 1) // 2, total)
    return TASKS


def check(workload, expected, actual):
    if expected != actual:
        raise AssertionError(f"{workload}: expected {expected} but got {actual}")


WORKLOADS = {
    "callsoon_batch": ("callbacks", callsoon_batch),
    "callsoon_chain": ("callbacks", callsoon_chain),
    "task_switches": ("switches", task_switches),
    "timers": ("timers", None),  # needs the delays: see run_workload
    "create_and_await": ("tasks", create_and_await),
}


def new_loop(kind):
    if kind == "asyncio":
        return asyncio.new_event_loop()
    if kind == "uvloop":
        import uvloop
        return uvloop.new_event_loop()
    raise ValueError(f"unknown loop kind {kind!r}: use asyncio or uvloop")


def run_workload(kind, name, repeat):
    unit, fn = WORKLOADS[name]
    delays = timer_delays() if name == "timers" else None
    loop = new_loop(kind)
    try:
        asyncio.set_event_loop(loop)
        rates = []
        for attempt in range(repeat + 1):  # the first run warms up and is not counted
            gc.collect()
            start = time.perf_counter()
            ops = timers(loop, delays) if name == "timers" else fn(loop)
            elapsed = time.perf_counter() - start
            if attempt > 0:
                rates.append(ops / elapsed)
    finally:
        asyncio.set_event_loop(None)
        loop.close()
    return {
        "unit": unit,
        "ops_per_run": ops,
        "runs": len(rates),
        "best": max(rates),
        "median": statistics.median(rates),
        "all": rates,
    }


def rss_bytes():
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    import resource
    return pages * resource.getpagesize()


def parked_task_memory(kind, tasks):
    """Bytes per task parked on one never-completed future: tracemalloc, and RSS growth
    in a second run without tracemalloc (whose own bookkeeping would inflate RSS)."""
    traced = park_and_measure(kind, tasks, lambda: tracemalloc.get_traced_memory()[0], trace=True)
    rss = park_and_measure(kind, tasks, rss_bytes, trace=False)
    return {
        "tasks": tasks,
        "bytes_per_task": traced / tasks,
        "method": "tracemalloc",
        "rss_bytes_per_task": rss / tasks,
    }


def park_and_measure(kind, tasks, measure, trace):
    loop = new_loop(kind)
    try:
        asyncio.set_event_loop(loop)

        async def main():
            never = loop.create_future()
            started = 0

            async def parked():
                nonlocal started
                started += 1
                await never

            gc.collect()
            if trace:
                tracemalloc.start()
            before = measure()
            all_tasks = [loop.create_task(parked()) for _ in range(tasks)]
            await asyncio.sleep(0)  # every task runs up to its await and parks
            check("parked tasks", tasks, started)
            gc.collect()
            after = measure()
            if trace:
                tracemalloc.stop()
            for t in all_tasks:
                t.cancel()
            await asyncio.gather(*all_tasks, return_exceptions=True)
            return after - before

        return loop.run_until_complete(main())
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="2 measured runs per workload instead of --repeat")
    parser.add_argument("--repeat", type=int, default=5, help="measured runs per workload and loop (default 5)")
    parser.add_argument("--loops", default="asyncio,uvloop", help="loop kinds, comma-separated")
    parser.add_argument("--only", default=",".join([*WORKLOADS, MEMORY]),
                        help=f"what to run, comma-separated: {', '.join(WORKLOADS)}, {MEMORY} (default: all)")
    parser.add_argument("--json", help="write the results to this file as JSON")
    args = parser.parse_args()
    repeat = 2 if args.quick else args.repeat

    kinds = [k for k in args.loops.split(",") if k]
    results = {"python": sys.version.split()[0], "implementation": platform.python_implementation(),
               "executable": sys.executable, "repeat": repeat, "loops": {}}
    for kind in kinds:
        if kind == "uvloop":
            try:
                import uvloop
            except ImportError:
                sys.exit(f"uvloop is not installed for {sys.executable}: on Debian/Ubuntu run "
                         "'apt-get install python3-uvloop' and use /usr/bin/python3, or 'pip install uvloop'")
            results["uvloop"] = uvloop.__version__
        per_kind = {}
        wanted = [w for w in args.only.split(",") if w]
        for name in wanted:
            if name not in WORKLOADS and name != MEMORY:
                sys.exit(f"unknown workload {name!r}; known: {', '.join(WORKLOADS)}, {MEMORY}")
        for name in [w for w in wanted if w in WORKLOADS]:
            r = run_workload(kind, name, repeat)
            per_kind[name] = r
            print(f"{kind:8s} {name:17s} best {r['best'] / 1e6:8.3f} M {r['unit']}/s  "
                  f"median {r['median'] / 1e6:8.3f} M/s  ({r['runs']} runs)", file=sys.stderr, flush=True)
        if MEMORY in wanted:
            m = parked_task_memory(kind, PARKED_TASKS)
            per_kind[MEMORY] = m
            print(f"{kind:8s} parked task memory {m['bytes_per_task']:.0f} bytes/task (tracemalloc), "
                  f"RSS growth {m['rss_bytes_per_task']:.0f} bytes/task", file=sys.stderr, flush=True)
        results["loops"][kind] = per_kind

    text = json.dumps(results, indent=2)
    if args.json:
        with open(args.json, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
