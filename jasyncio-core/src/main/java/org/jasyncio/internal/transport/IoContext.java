package org.jasyncio.internal.transport;

import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.jasyncio.context.Context;
import org.jasyncio.internal.core.ExecState;
import org.jasyncio.internal.io.ReadinessBackend;
import org.jasyncio.loop.EventLoop;

/**
 * What the transports of one loop share: the loop and its readiness backend, the one
 * read buffer (and its read-only view handed to protocols), the write chunk pool, the
 * scratch array of gathering writes, and which channels belong to live transports and
 * servers.
 *
 * <p>Loop thread only. Protocol callbacks run in their transport's {@link Context}:
 * {@link #enter(Context)} swaps it in on the loop thread's state, found once per thread
 * rather than once per event.
 */
public final class IoContext {
    /** Bytes read per readiness event: asyncio's {@code max_size} (256 KiB). */
    public static final int READ_BUFFER_SIZE = 256 * 1024;
    /** Chunks per gathering write. */
    static final int IOV_MAX = 64;

    private final EventLoop loop;
    private final ReadinessBackend backend;
    private final ChunkPool chunks = new ChunkPool();
    private final ByteBuffer[] iov = new ByteBuffer[IOV_MAX];
    /** Keyed by channel (identity) or descriptor number: the transport or server that owns it. */
    private final Map<Object, LoopResource> owners = new HashMap<>();
    private ByteBuffer scratch;
    private ByteBuffer readBuffer;
    private ByteBuffer readView;
    private Thread stateThread;
    private ExecState state;

    public IoContext(EventLoop loop, ReadinessBackend backend) {
        this.loop = loop;
        this.backend = backend;
    }

    public EventLoop loop() {
        return loop;
    }

    public ReadinessBackend backend() {
        return backend;
    }

    /** The write-chunk pool (public for tests and reports: how much direct memory writes hold). */
    public ChunkPool chunks() {
        return chunks;
    }

    ByteBuffer[] iov() {
        return iov;
    }

    /** The loop's read buffer, cleared, ready for one read (direct: the kernel fills it without a copy). */
    public ByteBuffer readBuffer() {
        ByteBuffer b = readBuffer;
        if (b == null) {
            b = readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
            readView = b.asReadOnlyBuffer();
        }
        return b.clear();
    }

    /** The read-only view of the first {@code n} bytes of the read buffer, for a protocol. */
    public ByteBuffer readView(int n) {
        return readView.clear().limit(n);
    }

    /** Makes {@code context} current on the loop thread; returns the previous one for {@link #exit}. */
    public Context enter(Context context) {
        Thread t = Thread.currentThread();
        if (t != stateThread) {
            state = ExecState.current();
            stateThread = t;
        }
        return state.swapContext(context);
    }

    public void exit(Context previous) {
        state.swapContext(previous);
    }

    /** Throws if a foreign thread touches a transport while the loop runs. */
    public void checkThread(String operation) {
        if (loop.isRunning() && !loop.inLoopThread()) {
            throw new IllegalStateException(operation + "() is not thread-safe and was called from "
                    + Thread.currentThread() + " while the loop runs on another thread; "
                    + "use loop.callSoonThreadsafe(...)");
        }
    }

    /**
     * Records that {@code owner} (a transport or server) owns {@code key}: a channel, or a
     * descriptor number as an {@code Integer}.
     */
    public void claim(Object key, LoopResource owner) {
        owners.put(key, owner);
    }

    public void release(Object key) {
        owners.remove(key);
    }

    /** The transport or server that owns {@code key} (a channel or a descriptor number), or {@code null}. */
    public LoopResource ownerOf(Object key) {
        return owners.get(key);
    }

    /** A direct buffer for moving heap data through native calls (64 KiB; loop thread only). */
    ByteBuffer scratch() {
        ByteBuffer b = scratch;
        if (b == null) {
            b = scratch = ByteBuffer.allocateDirect(64 * 1024);
        }
        return b;
    }

    /** Number of live transports and listening sockets (for tests and reports). */
    public int liveChannels() {
        return owners.size();
    }

    /** The loop is closing: closes every socket still owned by a transport or server. */
    public void closeAll() {
        Set<LoopResource> all = Collections.newSetFromMap(new IdentityHashMap<>());
        all.addAll(owners.values());
        owners.clear();
        for (LoopResource r : all) {
            try {
                r.closeOnLoopClose();
            } catch (RuntimeException ignored) {
                // best effort: the loop is going away
            }
        }
    }
}
