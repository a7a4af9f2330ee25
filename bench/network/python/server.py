"""CPython asyncio and uvloop peer servers for the network benchmark harness.

    python3 server.py --loop asyncio|uvloop --mode protocol|streams|http --port P [--host H]

- protocol: echo as an asyncio.Protocol (data_received writes the data back).
- streams:  echo with asyncio.start_server, reader.read / writer.write / drain.
- http:     HTTP/1.1 keep-alive as a Protocol: a minimal parser that finds the end of
            each request's header block and answers every GET with one fixed response
            (pipelined requests are answered in order); anything else gets 400 and a close.

Every accepted socket gets TCP_NODELAY, like every server in the harness. The listen
backlog is 4096 so that 1,000 connections arriving at once are not dropped and retried.
Run it with /usr/bin/python3 (Debian's, where python3-uvloop is installed).
"""

import argparse
import asyncio
import socket
import sys

BACKLOG = 4096
READ_SIZE = 64 * 1024

HTTP_OK = (
    b"HTTP/1.1 200 OK\r\n"
    b"Content-Type: text/plain\r\n"
    b"Content-Length: 13\r\n"
    b"\r\n"
    b"Hello, World!"
)
HTTP_BAD = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
MAX_HEADER = 16 * 1024


def set_nodelay(transport):
    sock = transport.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class EchoProtocol(asyncio.Protocol):
    """Writes back what it reads; stops reading while the transport's buffer is full."""

    def connection_made(self, transport):
        self.transport = transport
        set_nodelay(transport)

    def data_received(self, data):
        self.transport.write(data)

    def pause_writing(self):
        self.transport.pause_reading()

    def resume_writing(self):
        self.transport.resume_reading()


async def echo_stream(reader, writer):
    set_nodelay(writer.transport)
    try:
        while True:
            data = await reader.read(READ_SIZE)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def wants_close(header_block):
    """True when the request asks to close: HTTP/1.0, or a Connection: close header."""
    first_line, _, rest = header_block.partition(b"\r\n")
    if first_line.endswith(b"HTTP/1.0"):
        return True
    for line in rest.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"connection" and value.strip().lower() == b"close":
            return True
    return False


class HttpProtocol(asyncio.Protocol):
    """Answers each complete GET in the buffer; keeps an incomplete one for later."""

    def connection_made(self, transport):
        self.transport = transport
        self.buffer = b""
        set_nodelay(transport)

    def data_received(self, data):
        buf = self.buffer + data if self.buffer else data
        pos = 0
        out = []
        while True:
            end = buf.find(b"\r\n\r\n", pos)
            if end < 0:
                break
            request = buf[pos:end]
            pos = end + 4
            line_end = request.find(b"\r\n")
            line = request if line_end < 0 else request[:line_end]
            if not (line.startswith(b"GET ") and line[-9:-1] == b" HTTP/1."):
                out.append(HTTP_BAD)
                self.transport.write(b"".join(out))
                self.transport.close()
                return
            out.append(HTTP_OK)
            if wants_close(request):
                self.transport.write(b"".join(out))
                self.transport.close()
                return
        if out:
            self.transport.write(out[0] if len(out) == 1 else b"".join(out))
        self.buffer = buf[pos:]
        if len(self.buffer) > MAX_HEADER:
            self.transport.write(HTTP_BAD)
            self.transport.close()


async def serve(mode, host, port):
    loop = asyncio.get_running_loop()
    if mode == "protocol":
        server = await loop.create_server(EchoProtocol, host, port, backlog=BACKLOG)
    elif mode == "streams":
        server = await asyncio.start_server(echo_stream, host, port, backlog=BACKLOG)
    else:
        server = await loop.create_server(HttpProtocol, host, port, backlog=BACKLOG)
    print(f"server.py: {mode} on {host}:{port} ({type(loop).__module__})", flush=True)
    async with server:
        await server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loop", choices=["asyncio", "uvloop"], required=True)
    parser.add_argument("--mode", choices=["protocol", "streams", "http"], required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    if args.loop == "uvloop":
        try:
            import uvloop
        except ImportError:
            sys.exit("server.py: uvloop is not installed for this Python "
                     f"({sys.executable}); on Debian: apt-get install -y python3-uvloop")
        with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
            runner.run(serve(args.mode, args.host, args.port))
    else:
        asyncio.run(serve(args.mode, args.host, args.port))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
