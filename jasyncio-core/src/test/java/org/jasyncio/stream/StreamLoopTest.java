package org.jasyncio.stream;

import java.nio.charset.StandardCharsets;

import org.jasyncio.testing.OnEveryBackend;

/** The stream suites' base: a loop per backend ({@link OnEveryBackend}) and byte/text helpers. */
abstract class StreamLoopTest extends OnEveryBackend {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
