"""Echo round trips of a 64-byte message over a Unix socket path, an abstract name and TCP
loopback with protocols, and over a Unix socket path with streams (open_unix_connection,
start_unix_server), client and server in one loop: the scenario of jasyncio's
UnixEchoBenchmarks.
Prints one line per loop and transport: round trips per second (median of REPEAT runs).

    python3 bench/python/unix_bench.py [--repeat N]
"""
import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time

ROUND_TRIPS = 20_000
MESSAGE = b'x' * 64


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


class Pinger(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = 0
        self.trips = 0

    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.received += len(data)
        while self.received >= len(MESSAGE):
            self.received -= len(MESSAGE)
            self.trips += 1
            if self.trips == ROUND_TRIPS:
                self.done.set_result(self.trips)
                return
            self.transport.write(MESSAGE)


async def streams_run(path):
    async def echo(reader, writer):
        try:
            while True:
                writer.write(await reader.readexactly(len(MESSAGE)))
                await writer.drain()
        except asyncio.IncompleteReadError:
            writer.close()

    server = await asyncio.start_unix_server(echo, path)
    reader, writer = await asyncio.open_unix_connection(path)
    start = time.perf_counter()
    for _ in range(ROUND_TRIPS):
        writer.write(MESSAGE)
        await writer.drain()
        await reader.readexactly(len(MESSAGE))
    elapsed = time.perf_counter() - start
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    return ROUND_TRIPS / elapsed


async def one_run(kind, path):
    if kind == 'unix-streams':
        return await streams_run(path)
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    if kind == 'tcp':
        server = await loop.create_server(Echo, '127.0.0.1', 0)
        port = server.sockets[0].getsockname()[1]
        transport, pinger = await loop.create_connection(lambda: Pinger(done), '127.0.0.1', port)
    else:
        address = path if kind == 'unix-path' else '\0jasyncio-pybench-%d-%d' % (os.getpid(), time.monotonic_ns())
        server = await loop.create_unix_server(Echo, address)
        transport, pinger = await loop.create_unix_connection(lambda: Pinger(done), address)
    start = time.perf_counter()
    transport.write(MESSAGE)
    await done
    elapsed = time.perf_counter() - start
    transport.close()
    server.close()
    await server.wait_closed()
    return ROUND_TRIPS / elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--repeat', type=int, default=5)
    args = parser.parse_args()
    loops = [('asyncio', asyncio.new_event_loop)]
    try:
        import uvloop
        loops.append(('uvloop', uvloop.new_event_loop))
    except ImportError:
        print('no uvloop in', sys.executable, file=sys.stderr)
    with tempfile.TemporaryDirectory(dir='/tmp') as d:
        path = os.path.join(d, 's.sock')
        for name, factory in loops:
            for kind in ('unix-path', 'unix-abstract', 'tcp', 'unix-streams'):
                scores = []
                try:
                    for _ in range(args.repeat):
                        loop = factory()
                        try:
                            scores.append(loop.run_until_complete(one_run(kind, path)))
                        finally:
                            loop.close()
                except OSError as e:
                    print(f'{name:8} {kind:14} {"n/a":>12} ({e})')
                    continue
                print(f'{name:8} {kind:14} {statistics.median(scores):12.0f} round trips/s')


if __name__ == '__main__':
    main()
