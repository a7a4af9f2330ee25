"""Opens COUNT TCP connections at once to 127.0.0.1:PORT (jasyncio's 10 000-connection test).

Prints "connected N" once all are open, then sends each connection's index and checks
the echo ("echoed N"), then waits for a line on stdin and closes them all ("closed").
Raises its own soft descriptor limit to the hard one; exits 3 with a reason when even
that is too low. Every wait is bounded.
"""
import asyncio
import resource
import struct
import sys

TIMEOUT = 60
CONCURRENT_CONNECTS = 256


async def main(port, count):
    loop = asyncio.get_running_loop()
    gate = asyncio.Semaphore(CONCURRENT_CONNECTS)

    async def connect():
        async with gate:
            return await asyncio.open_connection('127.0.0.1', port)

    conns = await asyncio.wait_for(asyncio.gather(*(connect() for _ in range(count))), TIMEOUT)
    print('connected', len(conns), flush=True)

    async def ping(i, reader, writer):
        writer.write(struct.pack('>Q', i))
        got = await reader.readexactly(8)
        if struct.unpack('>Q', got)[0] != i:
            raise AssertionError(f'connection {i}: wrong echo {got!r}')

    await asyncio.wait_for(asyncio.gather(*(ping(i, r, w) for i, (r, w) in enumerate(conns))), TIMEOUT)
    print('echoed', len(conns), flush=True)
    await loop.run_in_executor(None, sys.stdin.readline)
    for _, w in conns:
        w.close()
    await asyncio.sleep(0)
    print('closed', flush=True)


if __name__ == '__main__':
    port, count = int(sys.argv[1]), int(sys.argv[2])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = count + 64
    if hard != resource.RLIM_INFINITY and hard < need:
        print(f'skip: the hard descriptor limit {hard} is below {need}', flush=True)
        sys.exit(3)
    if soft != resource.RLIM_INFINITY and soft < need:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main(port, count))
