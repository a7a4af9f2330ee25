"""Signal round trips in CPython, to compare with jasyncio's SignalProcessTest.

The parent starts a child whose event loop handles SIGUSR1 with add_signal_handler and
acknowledges each delivery with a line on stdout; the parent sends the next kill only
after reading the acknowledgement (signals of one kind coalesce), and reports the time
for N round trips (the child's start-up excluded).

    python3 bench/python/signal_roundtrip.py [asyncio|uvloop] [N]
"""
import os
import signal
import subprocess
import sys
import time

CHILD = r"""
import asyncio, signal, sys
kind = sys.argv[1]
n = int(sys.argv[2])
if kind == "uvloop":
    import uvloop
    loop = uvloop.new_event_loop()
else:
    loop = asyncio.new_event_loop()
count = 0
def on_usr1():
    global count
    count += 1
    sys.stdout.write(f"ACK {count}\n")
    sys.stdout.flush()
    if count == n:
        loop.stop()
loop.add_signal_handler(signal.SIGUSR1, on_usr1)
sys.stdout.write("READY\n"); sys.stdout.flush()
loop.run_forever()
"""


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "asyncio"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    child = subprocess.Popen([sys.executable, "-c", CHILD, kind, str(n)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "READY"
    start = time.perf_counter()
    for i in range(1, n + 1):
        os.kill(child.pid, signal.SIGUSR1)
        line = child.stdout.readline().strip()
        assert line == f"ACK {i}", line
    elapsed = time.perf_counter() - start
    child.wait(timeout=30)
    print(f"{kind} (Python {sys.version.split()[0]}): {n} acknowledged SIGUSR1 round trips in {elapsed * 1000:.0f} ms")


if __name__ == "__main__":
    main()
