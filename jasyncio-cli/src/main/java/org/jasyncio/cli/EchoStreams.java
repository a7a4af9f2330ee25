package org.jasyncio.cli;

import org.jasyncio.net.ConnectionException;
import org.jasyncio.stream.StreamReader;
import org.jasyncio.stream.StreamWriter;
import org.jasyncio.stream.Streams;

/**
 * The streams echo: asyncio's idiom, a task per connection that reads what is there
 * ({@code reader.read(65536)}), writes it back and awaits {@code drain()}. It is what
 * {@code asyncio.start_server} examples do, and the network benchmark's "streams" variant
 * of every event loop. End of stream (an empty read) closes the connection; a connection
 * error (reset by the peer, broken pipe) ends it quietly.
 */
final class EchoStreams {
    /** The size asked of each read: asyncio's examples use 64 KiB, as the Python peers do. */
    static final int READ_SIZE = 64 * 1024;

    private EchoStreams() {
    }

    /** A starter for the streams echo server ({@code Streams.startServer}). */
    static ExampleServer.Starter server() {
        return (loop, host, port) -> Streams.startServer(EchoStreams::echo, host, port,
                ExampleServer.OPTIONS);
    }

    /** One connection: read, write back, drain, until end of stream. Awaiting. */
    static void echo(StreamReader reader, StreamWriter writer) {
        try {
            while (true) {
                byte[] data = reader.read(READ_SIZE);
                if (data.length == 0) {
                    break;
                }
                writer.write(data);
                writer.drain();
            }
        } catch (ConnectionException e) {
            // the peer went away (reset, broken pipe): nothing to answer, as asyncio's ConnectionError
        } finally {
            writer.close();
        }
    }
}
