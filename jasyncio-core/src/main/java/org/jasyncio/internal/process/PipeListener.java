package org.jasyncio.internal.process;

import java.nio.ByteBuffer;

/**
 * What a pipe to a child tells the subprocess transport, on the loop thread: asyncio's
 * {@code ReadSubprocessPipeProto}/{@code WriteSubprocessPipeProto} calls into
 * {@code BaseSubprocessTransport}.
 */
public interface PipeListener {
    /** Bytes from the child's {@code fd} (1 or 2), valid during the call only. */
    void pipeData(int fd, ByteBuffer data);

    /** The pipe to {@code fd} closed ({@code exc == null}: end of stream or a regular close). */
    void pipeLost(int fd, Throwable exc);

    /** The stdin pipe's buffer went above its high-water mark. */
    void pipePauseWriting();

    /** The stdin pipe's buffer drained to its low-water mark. */
    void pipeResumeWriting();
}
