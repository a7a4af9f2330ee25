"""The CPython asyncio side of jasyncio's interop tests (run by PythonInteropTest).

Modes:
  tcp-server                 echo server on 127.0.0.1; prints "port N", serves until stdin closes
  udp-server                 echo endpoint on 127.0.0.1; prints "port N", serves until stdin closes
  tcp-client PORT SIZE       connects, sends SIZE bytes, half-closes, checks the echo; prints "ok N"
  udp-client PORT COUNT      sends COUNT datagrams, checks each echo; prints "ok N"
Every wait is bounded; a failure exits non-zero with the reason on stderr.
"""
import asyncio
import hashlib
import sys

TIMEOUT = 30


def payload(size):
    return bytes((i * 7 + 3) & 0xFF for i in range(size))


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)

    def eof_received(self):
        self.transport.close()


class DatagramEcho(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(data, addr)


async def until_stdin_closes():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


async def tcp_server():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Echo, '127.0.0.1', 0)
    print('port', server.sockets[0].getsockname()[1], flush=True)
    await until_stdin_closes()
    server.close()


async def udp_server():
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(DatagramEcho, local_addr=('127.0.0.1', 0))
    print('port', transport.get_extra_info('sockname')[1], flush=True)
    await until_stdin_closes()
    transport.close()


async def tcp_client(port, size):
    reader, writer = await asyncio.wait_for(asyncio.open_connection('127.0.0.1', port), TIMEOUT)
    data = payload(size)
    writer.write(data)
    writer.write_eof()
    echoed = await asyncio.wait_for(reader.read(), TIMEOUT)
    writer.close()
    if hashlib.sha256(echoed).digest() != hashlib.sha256(data).digest():
        sys.exit(f'echo mismatch: sent {len(data)} bytes, got {len(echoed)}')
    print('ok', len(echoed), flush=True)


async def udp_client(port, count):
    loop = asyncio.get_running_loop()
    received = asyncio.Queue()

    class Client(asyncio.DatagramProtocol):
        def datagram_received(self, data, addr):
            received.put_nowait(data)

        def error_received(self, exc):
            received.put_nowait(exc)

    transport, _ = await loop.create_datagram_endpoint(Client, remote_addr=('127.0.0.1', port))
    for i in range(count):
        message = b'datagram %d ' % i + payload(i % 1000)
        transport.sendto(message)
        got = await asyncio.wait_for(received.get(), TIMEOUT)
        if got != message:
            sys.exit(f'datagram {i}: expected {len(message)} bytes, got {got!r:.80}')
    transport.close()
    print('ok', count, flush=True)


def main():
    mode = sys.argv[1]
    if mode == 'tcp-server':
        asyncio.run(tcp_server())
    elif mode == 'udp-server':
        asyncio.run(udp_server())
    elif mode == 'tcp-client':
        asyncio.run(tcp_client(int(sys.argv[2]), int(sys.argv[3])))
    elif mode == 'udp-client':
        asyncio.run(udp_client(int(sys.argv[2]), int(sys.argv[3])))
    else:
        sys.exit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
