"""Checks that a started server really speaks its protocol before it is loaded.

An echo server must return exactly what it is sent (a short message, then one larger than
a socket buffer, split across reads); an HTTP server must answer two GETs on one
connection (keep-alive) with 200 and a body of the Content-Length it announced.
"""

import socket

TIMEOUT = 5.0


class ProbeError(Exception):
    """The server answered, but not as its protocol requires."""


def probe(speaks, port, host="127.0.0.1"):
    with socket.create_connection((host, port), timeout=TIMEOUT) as sock:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if speaks == "echo":
            probe_echo(sock)
        else:
            probe_http(sock, host, port)


def recv_exactly(sock, n):
    chunks, got = [], 0
    while got < n:
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            raise ProbeError(f"the connection closed after {got} of {n} bytes")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def probe_echo(sock):
    for message in (b"jasyncio network benchmark probe\n",
                    bytes((i * 7 + i // 251) % 256 for i in range(300 * 1024))):
        sock.sendall(message)
        echoed = recv_exactly(sock, len(message))
        if echoed != message:
            at = next(i for i, (a, b) in enumerate(zip(echoed, message)) if a != b)
            raise ProbeError(f"echo differs from what was sent at byte {at} of {len(message)}")


def read_response(sock, pending):
    """Reads one HTTP response; returns (status line, headers dict, body, leftover bytes)."""
    buf = pending
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProbeError("the connection closed before a complete response header")
        buf += chunk
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if "content-length" not in headers:
        raise ProbeError(f"the response has no Content-Length: {lines[0]!r}")
    length = int(headers["content-length"])
    while len(rest) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ProbeError("the connection closed inside the response body")
        rest += chunk
    return lines[0], headers, rest[:length], rest[length:]


def probe_http(sock, host, port):
    request = f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    leftover = b""
    for attempt in (1, 2):  # the second request checks that the connection was kept alive
        try:
            sock.sendall(request)
            status, headers, body, leftover = read_response(sock, leftover)
        except (ConnectionError, ProbeError) as e:
            if attempt == 2:
                raise ProbeError(f"the connection was not kept alive for a second request ({e})")
            raise
        if not status.startswith("HTTP/1.1 200"):
            raise ProbeError(f"expected 'HTTP/1.1 200', got {status!r}")
        if not body:
            raise ProbeError("the response has an empty body")
        if headers.get("connection", "").lower() == "close":
            raise ProbeError("the server closes the connection after a keep-alive GET")
