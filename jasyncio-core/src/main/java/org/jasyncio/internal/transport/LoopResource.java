package org.jasyncio.internal.transport;

/** Something a loop releases when it is closed with it still open (a transport, a server). */
public interface LoopResource {
    /** Closes the sockets at once, without protocol callbacks: the loop is closing. */
    void closeOnLoopClose();
}
