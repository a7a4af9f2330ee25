#!/usr/bin/env python3
"""The Python side of docs/bench/sync.md: the same scenarios, with the same counts, as
jasyncio-bench's org.jasyncio.bench.sync.SyncBenchmarks.

  queue   1,000,000 items through asyncio.Queue(maxsize=100), producer task -> consumer task
  lock    1,000,000 uncontended `async with lock: pass` in one task
  gather  asyncio.gather of 100,000 coroutines that return at once
  queue_ping_pong  200,000 items through asyncio.Queue(maxsize=1): a task switch per item

Usage: sync_bench.py asyncio|uvloop [--repeat N] [--only NAME]
Prints one JSON object: {"loop": ..., "python": ..., "results": {name: ops_per_second}},
each the median of N runs (after one warm-up run), each run on a fresh event loop.
"""
import argparse
import asyncio
import json
import platform
import statistics
import sys
import time

QUEUE_ITEMS = 1_000_000
QUEUE_MAXSIZE = 100
PING_PONG_ITEMS = 200_000
LOCK_OPS = 1_000_000
GATHER_TASKS = 100_000


async def pump_through_queue(items, maxsize):
    q = asyncio.Queue(maxsize=maxsize)

    async def producer():
        for _ in range(items):
            await q.put(1)

    t = asyncio.create_task(producer())
    total = 0
    for _ in range(items):
        total += await q.get()
    await t
    return items


async def queue_scenario():
    return await pump_through_queue(QUEUE_ITEMS, QUEUE_MAXSIZE)


async def queue_ping_pong_scenario():
    return await pump_through_queue(PING_PONG_ITEMS, 1)


async def lock_scenario():
    lock = asyncio.Lock()
    n = 0
    for _ in range(LOCK_OPS):
        async with lock:
            n += 1
    return LOCK_OPS


async def gather_scenario():
    async def value(v):
        return v

    results = await asyncio.gather(*[value(i) for i in range(GATHER_TASKS)])
    assert len(results) == GATHER_TASKS
    return GATHER_TASKS


SCENARIOS = {"queue": queue_scenario, "lock": lock_scenario, "gather": gather_scenario,
             "queue_ping_pong": queue_ping_pong_scenario}


def new_loop(kind):
    if kind == "uvloop":
        import uvloop
        return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def measure(kind, scenario):
    loop = new_loop(kind)
    try:
        start = time.perf_counter()
        ops = loop.run_until_complete(scenario())
        return ops / (time.perf_counter() - start)
    finally:
        loop.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("loop", choices=["asyncio", "uvloop"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    results = {}
    for name, scenario in SCENARIOS.items():
        if args.only and name != args.only:
            continue
        measure(args.loop, scenario)  # warm-up
        results[name] = statistics.median(measure(args.loop, scenario) for _ in range(args.repeat))
    version = sys.version.split()[0]
    if args.loop == "uvloop":
        import uvloop
        version += " uvloop " + uvloop.__version__
    json.dump({"loop": args.loop, "python": version, "implementation": platform.python_implementation(),
               "results": results}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
