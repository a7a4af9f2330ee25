"""The scenarios of jasyncio's SubprocessBenchmarks on CPython asyncio or uvloop:
children of /bin/true started 10 at a time and awaited (children per second), and
256 MiB from `head -c ... /dev/zero` through a child's stdout, counted by a
SubprocessProtocol and read through Process.stdout.read(65536) (MiB per second).
Prints one line per scenario (median of REPEAT runs).

    python3 bench/python/subprocess_bench.py asyncio|uvloop [--repeat N]
"""
import argparse
import asyncio
import statistics
import subprocess
import time

CHILDREN = 100
CONCURRENT = 10
MIB = 256
ZEROS = ['head', '-c', str(MIB << 20), '/dev/zero']


class Counter(asyncio.SubprocessProtocol):
    def __init__(self, done):
        self.done = done
        self.bytes = 0

    def pipe_data_received(self, fd, data):
        self.bytes += len(data)

    def connection_lost(self, exc):
        self.done.set_result(None)


async def spawn_and_reap():
    async def one():
        p = await asyncio.create_subprocess_exec('/bin/true', stdin=subprocess.DEVNULL,
                                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return await p.wait()
    start = time.perf_counter()
    for _ in range(CHILDREN // CONCURRENT):
        await asyncio.gather(*[one() for _ in range(CONCURRENT)])
    return CHILDREN / (time.perf_counter() - start)


async def stdout_protocol():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    start = time.perf_counter()
    transport, proto = await loop.subprocess_exec(lambda: Counter(done), *ZEROS, stdin=subprocess.DEVNULL)
    await done
    transport.close()
    assert proto.bytes == MIB << 20
    return MIB / (time.perf_counter() - start)


async def stdout_stream():
    start = time.perf_counter()
    p = await asyncio.create_subprocess_exec(*ZEROS, stdout=subprocess.PIPE)
    total = 0
    while True:
        chunk = await p.stdout.read(65536)
        if not chunk:
            break
        total += len(chunk)
    await p.wait()
    assert total == MIB << 20
    return MIB / (time.perf_counter() - start)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('loop', choices=['asyncio', 'uvloop'])
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    if args.loop == 'uvloop':
        import uvloop
        new_loop = uvloop.new_event_loop
    else:
        new_loop = asyncio.new_event_loop
    for name, unit, scenario in [('spawnAndReap', 'children/s', spawn_and_reap),
                                 ('stdoutProtocol', 'MiB/s', stdout_protocol),
                                 ('stdoutStream', 'MiB/s', stdout_stream)]:
        results = []
        for _ in range(args.repeat + 1):  # the first run warms up
            with asyncio.Runner(loop_factory=new_loop) as runner:
                results.append(runner.run(scenario()))
        print(f'{args.loop} {name} {statistics.median(results[1:]):.1f} {unit}')


if __name__ == '__main__':
    main()
