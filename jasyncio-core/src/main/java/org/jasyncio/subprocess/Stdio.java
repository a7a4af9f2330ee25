package org.jasyncio.subprocess;

/**
 * Where one of a child's standard descriptors goes: asyncio's {@code subprocess.PIPE},
 * {@code DEVNULL}, {@code STDOUT}, {@code None} (inherit) or a file descriptor.
 */
public sealed interface Stdio permits Stdio.Kind, Stdio.Descriptor {
    /** A new pipe between the loop and the child (a pipe transport on the loop side). */
    Stdio PIPE = Kind.PIPE;
    /** {@code /dev/null}. */
    Stdio DEVNULL = Kind.DEVNULL;
    /** For stderr only: the same place as stdout. */
    Stdio STDOUT = Kind.STDOUT;
    /** The parent's own descriptor (asyncio's {@code None}). */
    Stdio INHERIT = Kind.INHERIT;

    /** An open file descriptor of this process; the child gets a copy of it, the caller keeps it. */
    static Stdio fd(int fd) {
        return new Descriptor(fd);
    }

    /** The special destinations. */
    enum Kind implements Stdio { PIPE, DEVNULL, STDOUT, INHERIT }

    /** An open descriptor of this process. */
    record Descriptor(int fd) implements Stdio {
        public Descriptor {
            if (fd < 0) {
                throw new IllegalArgumentException("a file descriptor is >= 0, got " + fd);
            }
        }
    }
}
