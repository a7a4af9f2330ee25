package org.jasyncio.stream;

import java.util.Objects;

/** The {@code (reader, writer)} pair asyncio's {@code open_connection} returns. */
public record StreamPair(StreamReader reader, StreamWriter writer) {
    public StreamPair {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }
}
