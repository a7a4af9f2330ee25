package org.jasyncio.cli;

import static org.jasyncio.cli.ServerHarness.bytes;
import static org.jasyncio.cli.ServerHarness.text;
import static org.jasyncio.cli.ServerHarness.writeInBackground;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.jasyncio.loop.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;

/**
 * What every echo example server must do, whatever its style (protocol or streams), on
 * the backend a concrete subclass is parameterized with: in process, over real loopback
 * sockets, the checks the network benchmark's probe makes, and more.
 */
abstract class EchoServerTests {
    @Parameter
    Backend backend;

    /** The server under test. */
    abstract ExampleServer.Starter starter();

    ServerHarness echo() throws Exception {
        return new ServerHarness(backend, starter());
    }

    @Test
    void echoesA300KiBMessageExactly() throws Exception {
        byte[] message = new byte[300 * 1024];
        new Random(42).nextBytes(message);
        try (ServerHarness h = echo(); Socket s = h.connect()) {
            // Written from another thread: the server echoes while we are still sending.
            Thread writer = writeInBackground(s, message);
            assertArrayEquals(message, ServerHarness.readExactly(s.getInputStream(), message.length));
            writer.join();
        }
    }

    @Test
    void echoesOnManyConnectionsAtOnce() throws Exception {
        try (ServerHarness h = echo()) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    sockets.add(h.connect());
                }
                for (int round = 0; round < 3; round++) {
                    for (int i = 0; i < sockets.size(); i++) {
                        sockets.get(i).getOutputStream().write(bytes("conn " + i + " round " + round));
                    }
                    for (int i = 0; i < sockets.size(); i++) {
                        String expected = "conn " + i + " round " + round;
                        assertEquals(expected, text(ServerHarness.readExactly(sockets.get(i).getInputStream(),
                                expected.length())));
                    }
                }
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    void echoClosesWhenTheClientDoes() throws Exception {
        try (ServerHarness h = echo(); Socket s = h.connect()) {
            s.getOutputStream().write(bytes("bye"));
            s.shutdownOutput();
            assertEquals("bye", text(ServerHarness.readToEnd(s.getInputStream())));
        }
    }

    @Test
    void echoesBackToBackMessagesOnOneConnection() throws Exception {
        try (ServerHarness h = echo(); Socket s = h.connect()) {
            for (int size : new int[] {1, 1024, 65536, 65537, 200_000}) {
                byte[] message = new byte[size];
                new Random(size).nextBytes(message);
                Thread writer = writeInBackground(s, message);
                assertArrayEquals(message, ServerHarness.readExactly(s.getInputStream(), size), "size " + size);
                writer.join();
            }
        }
    }
}
