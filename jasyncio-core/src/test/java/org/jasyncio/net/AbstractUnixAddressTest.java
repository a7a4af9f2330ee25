package org.jasyncio.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link AbstractUnixAddress}: a name of bytes, compared by value, printed as {@code ss} does. */
class AbstractUnixAddressTest {

    @Test
    void nameAndBytes() {
        AbstractUnixAddress a = AbstractUnixAddress.of("svc");
        assertEquals("svc", a.name());
        assertArrayEquals(new byte[] {'s', 'v', 'c'}, a.bytes());
        assertEquals(AbstractUnixAddress.of(new byte[] {'s', 'v', 'c'}), a);
        assertEquals(a.hashCode(), AbstractUnixAddress.of("svc").hashCode());
        assertNotEquals(AbstractUnixAddress.of("svd"), a);
    }

    @Test
    void printedWithAnAtSignAndHexForUnprintableBytes() {
        assertEquals("@svc", AbstractUnixAddress.of("svc").toString());
        assertEquals("@a\\x00b", AbstractUnixAddress.of(new byte[] {'a', 0, 'b'}).toString());
    }

    @Test
    void bytesAreCopied() {
        byte[] raw = {'x'};
        AbstractUnixAddress a = AbstractUnixAddress.of(raw);
        raw[0] = 'y';
        a.bytes()[0] = 'z';
        assertEquals("x", a.name());
    }

    /** sun_path holds 108 bytes, one of them the leading NUL. */
    @Test
    void tooLongRefused() {
        AbstractUnixAddress.of("n".repeat(AbstractUnixAddress.MAX_NAME_BYTES));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbstractUnixAddress.of("n".repeat(AbstractUnixAddress.MAX_NAME_BYTES + 1)));
        assertEquals("an abstract socket name holds at most 107 bytes, not 108", e.getMessage());
    }
}
