"""The CPython asyncio side of jasyncio's Unix-socket interop tests (UnixInteropTest).

An ADDR is a path, or @name for a Linux abstract-namespace name.
Modes:
  server ADDR         echo server; prints "ready PID", then per connection "peer PID" (the
                      client's SO_PEERCRED pid); serves until stdin closes
  client ADDR SIZE    connects, sends SIZE bytes, half-closes, checks the echo and prints
                      "ok N PID" (N bytes echoed, PID the server's SO_PEERCRED pid)
  dgram-server ADDR   AF_UNIX datagram echo endpoint bound to ADDR; prints "ready PID";
                      serves until stdin closes
Every wait is bounded; a failure exits non-zero with the reason on stderr.
"""
import asyncio
import hashlib
import os
import socket
import struct
import sys

TIMEOUT = 30


def address(text):
    return '\0' + text[1:] if text.startswith('@') else text


def payload(size):
    return bytes((i * 7 + 3) & 0xFF for i in range(size))


def peer_pid(sock):
    pid, _uid, _gid = struct.unpack('3i', sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                                         struct.calcsize('3i')))
    return pid


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print('peer', peer_pid(transport.get_extra_info('socket')), flush=True)

    def data_received(self, data):
        self.transport.write(data)

    def eof_received(self):
        self.transport.close()


class DatagramEcho(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(b'resp:' + data, addr)


async def until_stdin_closes():
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)


async def server(addr):
    srv = await asyncio.get_running_loop().create_unix_server(Echo, address(addr))
    print('ready', os.getpid(), flush=True)
    await until_stdin_closes()
    srv.close()


async def client(addr, size):
    reader, writer = await asyncio.wait_for(asyncio.open_unix_connection(address(addr)), TIMEOUT)
    pid = peer_pid(writer.get_extra_info('socket'))
    data = payload(size)
    writer.write(data)
    writer.write_eof()
    echoed = await asyncio.wait_for(reader.read(), TIMEOUT)
    writer.close()
    if hashlib.sha256(echoed).digest() != hashlib.sha256(data).digest():
        sys.exit(f'echo mismatch: sent {len(data)} bytes, got {len(echoed)}')
    print('ok', len(echoed), pid, flush=True)


async def dgram_server(addr):
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(DatagramEcho, local_addr=address(addr),
                                                       family=socket.AF_UNIX)
    print('ready', os.getpid(), flush=True)
    await until_stdin_closes()
    transport.close()


def main():
    mode = sys.argv[1]
    if mode == 'server':
        asyncio.run(server(sys.argv[2]))
    elif mode == 'client':
        asyncio.run(client(sys.argv[2], int(sys.argv[3])))
    elif mode == 'dgram-server':
        asyncio.run(dgram_server(sys.argv[2]))
    else:
        sys.exit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
