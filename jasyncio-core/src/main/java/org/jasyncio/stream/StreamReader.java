package org.jasyncio.stream;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;

import org.jasyncio.AsyncIO;
import org.jasyncio.loop.EventLoop;
import org.jasyncio.task.Future;
import org.jasyncio.transport.ReadTransport;

/**
 * Buffered reading from a stream: asyncio's {@code StreamReader}.
 *
 * <p>A protocol feeds it ({@link #feedData}, {@link #feedEof}, {@link #setException});
 * a task reads from it with the awaiting methods {@link #read(int)}, {@link #readline()},
 * {@link #readexactly(int)} and {@link #readuntil(byte[]...)}, which return at once when
 * the buffer already holds what they need and otherwise park the task until data, end of
 * stream or an error arrives. One task at a time may wait: a second concurrent reader is
 * refused with {@link IllegalStateException}, as in asyncio.
 *
 * <p>Flow control (asyncio's rule): once the buffer holds more than twice the
 * {@linkplain #limit() limit}, the transport given to {@link #setTransport} is asked to
 * pause reading; it resumes when reads bring the buffer down to the limit, or when a
 * reader has to wait for data.
 *
 * <p>The limit also bounds {@link #readline()} and {@link #readuntil}: a line longer than
 * the limit raises an error and nothing after the line is lost.
 *
 * <p>Threading: loop-confined. The awaiting methods must run in a task of the reader's
 * loop; the feeding methods run on the loop thread (in protocol callbacks, typically).
 */
public final class StreamReader {
    /** asyncio's {@code _DEFAULT_LIMIT}: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};
    private static final byte[][] NEWLINE_ONLY = {NEWLINE};

    private final EventLoop loop;
    private final int limit;
    private final ReadBuffer buffer = new ReadBuffer();
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private ReadTransport transport;
    private boolean paused;

    /** A reader with the default limit, on the running loop. */
    public StreamReader() {
        this(AsyncIO.getRunningLoop(), DEFAULT_LIMIT);
    }

    /** A reader with {@code limit}, on the running loop. */
    public StreamReader(int limit) {
        this(AsyncIO.getRunningLoop(), limit);
    }

    public StreamReader(EventLoop loop) {
        this(loop, DEFAULT_LIMIT);
    }

    /**
     * @throws IllegalArgumentException if {@code limit <= 0}
     */
    public StreamReader(EventLoop loop, int limit) {
        this.loop = Objects.requireNonNull(loop, "loop");
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0 (got " + limit + ")");
        }
        this.limit = limit;
    }

    public EventLoop getLoop() {
        return loop;
    }

    /** The buffer limit given at construction. */
    public int limit() {
        return limit;
    }

    // ================================================================== feeding (protocol side)

    /** The error set by {@link #setException}, or {@code null}. */
    public Throwable exception() {
        return exception;
    }

    /**
     * Records {@code exc}: every read from now on throws it (the very object), and a task
     * waiting for data is woken with it.
     */
    public void setException(Throwable exc) {
        this.exception = Objects.requireNonNull(exc, "exc");
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    /**
     * The transport to pause and resume when the buffer grows past twice the limit.
     *
     * @throws IllegalStateException if a transport is already set
     */
    public void setTransport(ReadTransport transport) {
        if (this.transport != null) {
            throw new IllegalStateException("Transport already set");
        }
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** End of stream: readers get what is buffered, then empty results. Idempotent. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** Whether end of stream was fed and the buffer is empty. */
    public boolean atEof() {
        return eof && buffer.isEmpty();
    }

    /**
     * Appends the remaining bytes of {@code data} (a copy; {@code data} is consumed), so a
     * protocol may pass the transport's read-only view as it is.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    public void feedData(ByteBuffer data) {
        checkNotEof();
        if (!data.hasRemaining()) {
            return;
        }
        buffer.append(data);
        afterFeed();
    }

    /** Appends a copy of {@code data}. */
    public void feedData(byte[] data) {
        feedData(data, 0, data.length);
    }

    /** Appends a copy of {@code length} bytes of {@code data} from {@code offset}. */
    public void feedData(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        checkNotEof();
        if (length == 0) {
            return;
        }
        buffer.append(data, offset, length);
        afterFeed();
    }

    /**
     * Where a transport may read the next bytes straight into this reader's buffer: its
     * free room when that is at least {@code min} bytes, else {@code null} (then feed a
     * copy with {@link #feedData}). Follow with {@link #receivedInPlace}.
     *
     * @throws IllegalStateException after {@link #feedEof()}
     */
    ByteBuffer receiveRoom(int min) {
        checkNotEof();
        return buffer.room(min);
    }

    /** {@code n} bytes were read into the room {@link #receiveRoom} lent: they are buffered now. */
    void receivedInPlace(int n) {
        if (n > 0) {
            buffer.commit(n);
            afterFeed();
        }
    }

    private void checkNotEof() {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
    }

    private void afterFeed() {
        wakeupWaiter();
        if (transport != null && !paused && buffer.size() > 2L * limit) {
            try {
                transport.pauseReading();
                paused = true;
            } catch (UnsupportedOperationException e) {
                // a transport that cannot pause: give up flow control, as asyncio does
                transport = null;
            }
        }
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    private void maybeResumeTransport() {
        if (paused && buffer.size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    /** Parks the calling task until data, end of stream or an error arrives. */
    private void waitForData(String operation) {
        if (waiter != null) {
            throw new IllegalStateException(operation
                    + "() called while another task is already waiting for incoming data");
        }
        // Waiting for data while paused would never end: resume the transport.
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        try {
            w.await();
        } finally {
            waiter = null;
        }
    }

    private void throwIfFailed() {
        Throwable e = exception;
        if (e != null) {
            throw StreamReader.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }

    // ================================================================== reading (task side)

    /** Reads until end of stream and returns everything: asyncio's {@code read()} / {@code read(-1)}. Awaiting. */
    public byte[] read() {
        return read(-1);
    }

    /**
     * Reads up to {@code n} bytes: what is buffered, or, when nothing is, what arrives
     * next (an empty array at end of stream). {@code n == 0} returns an empty array at
     * once; {@code n < 0} reads until end of stream. Awaiting.
     */
    public byte[] read(int n) {
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        if (n < 0) {
            while (!eof) {
                waitForData("read");
            }
            byte[] all = buffer.takeAll();
            maybeResumeTransport();
            return all;
        }
        if (buffer.isEmpty() && !eof) {
            waitForData("read");
        }
        byte[] data = buffer.take(Math.min(n, buffer.size()));
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads exactly {@code n} bytes. Awaiting.
     *
     * @throws IncompleteReadException at end of stream before {@code n} bytes; it holds
     *         what was read, and the buffer is empty afterwards
     * @throws IllegalArgumentException if {@code n < 0}
     */
    public byte[] readexactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readexactly size can not be less than zero");
        }
        throwIfFailed();
        if (n == 0) {
            return EMPTY;
        }
        while (buffer.size() < n) {
            if (eof) {
                byte[] incomplete = buffer.takeAll();
                throw new IncompleteReadException(incomplete, n);
            }
            waitForData("readexactly");
        }
        byte[] data = buffer.take(n);
        maybeResumeTransport();
        return data;
    }

    /**
     * Reads one line, ending with {@code \n}; at end of stream, what is left (possibly a
     * partial line, or an empty array). Awaiting.
     *
     * <p>A line longer than the {@linkplain #limit() limit} throws
     * {@link IllegalArgumentException} (asyncio's {@code ValueError}), whose cause is the
     * {@link LimitOverrunException}. As in asyncio, the too-long line is dropped: through
     * its {@code \n} when that is buffered already, else everything buffered (all of it
     * belongs to that line); the bytes after the line stay for the next read.
     */
    public byte[] readline() {
        try {
            return readUntil(NEWLINE_ONLY, "readline");
        } catch (IncompleteReadException e) {
            return e.partial();
        } catch (LimitOverrunException e) {
            if (buffer.startsWith(NEWLINE, e.consumed())) {
                buffer.skip(e.consumed() + NEWLINE.length);
            } else {
                buffer.clear();
            }
            maybeResumeTransport();
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@link #readuntil(byte[]...)} with {@code \n}. Awaiting. */
    public byte[] readuntil() {
        return readUntil(NEWLINE_ONLY, "readuntil");
    }

    /**
     * Reads up to and including the first separator found; with several separators, the
     * shortest result that ends with any of them. Awaiting.
     *
     * @throws LimitOverrunException when the data before the separator is longer than the
     *         limit, or no separator is found within it; the data stays buffered
     * @throws IncompleteReadException at end of stream without a separator; it holds what
     *         was read (which may end with part of a separator), and the buffer is empty
     * @throws IllegalArgumentException for no separator or an empty one
     */
    public byte[] readuntil(byte[]... separators) {
        if (separators.length == 0) {
            throw new IllegalArgumentException("Separator should contain at least one element");
        }
        byte[][] sorted = separators.clone();
        if (sorted.length > 1) {
            Arrays.sort(sorted, Comparator.comparingInt(s -> s.length));
        }
        return readUntil(sorted, "readuntil");
    }

    /** {@code separators} sorted by length, shortest first. */
    private byte[] readUntil(byte[][] separators, String operation) {
        int minLength = separators[0].length;
        int maxLength = separators[separators.length - 1].length;
        if (minLength == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        // Where the next search starts: bytes before it cannot begin a separator, so each
        // byte is scanned once however many chunks arrive.
        int offset = 0;
        int matchStart;
        int matchEnd;
        while (true) {
            int size = buffer.size();
            if (size - offset >= minLength) {
                matchStart = -1;
                matchEnd = -1;
                for (byte[] sep : separators) {
                    int at = buffer.indexOf(sep, offset);
                    if (at >= 0 && (matchEnd < 0 || at + sep.length < matchEnd)) {
                        matchStart = at;
                        matchEnd = at + sep.length;
                    }
                }
                if (matchEnd >= 0) {
                    break;
                }
                offset = Math.max(0, size + 1 - maxLength);
                if (offset > limit) {
                    throw new LimitOverrunException("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = buffer.takeAll();
                throw new IncompleteReadException(chunk, null);
            }
            waitForData(operation);
        }
        if (matchStart > limit) {
            throw new LimitOverrunException("Separator is found, but chunk is longer than limit", matchStart);
        }
        byte[] chunk = buffer.take(matchEnd);
        maybeResumeTransport();
        return chunk;
    }

    // ================================================================== diagnostics

    /** The buffered bytes, left in place (for tests). */
    byte[] buffered() {
        return buffer.snapshot();
    }

    boolean isPaused() {
        return paused;
    }

    /** asyncio's repr: {@code <StreamReader 4 bytes eof limit=123 waiter=... exception=... transport=... paused>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (!buffer.isEmpty()) {
            sb.append(' ').append(buffer.size()).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }
}
