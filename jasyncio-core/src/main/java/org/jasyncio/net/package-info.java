/**
 * Networking types of the event loop's socket API: options for connections, servers and
 * datagram endpoints, address records ({@code getaddrinfo}/{@code getnameinfo}), results
 * of the low-level {@code sock*} methods, and the exceptions.
 *
 * <p><b>Exceptions</b> keep the meaning of Python's {@code OSError} family and are
 * unchecked. All extend {@link org.jasyncio.net.NetworkException}, itself a
 * {@link java.io.UncheckedIOException} whose cause is the JDK's original
 * {@link java.io.IOException} (nothing is lost):
 * <pre>
 * NetworkException                     OSError (socket errors)
 * ├── ConnectionException              ConnectionError
 * │   ├── ConnectionRefusedException   ConnectionRefusedError
 * │   ├── ConnectionResetException     ConnectionResetError
 * │   ├── ConnectionAbortedException   ConnectionAbortedError
 * │   └── BrokenPipeException          BrokenPipeError
 * ├── NetworkTimeoutException          TimeoutError (ETIMEDOUT)
 * ├── AddressResolutionException       socket.gaierror
 * └── NetworkExceptionGroup            ExceptionGroup of create_connection(all_errors=True)
 * </pre>
 * Misuse (bad arguments, a closed transport) is {@link java.lang.IllegalArgumentException}
 * or {@link java.lang.IllegalStateException}, as asyncio's {@code ValueError} and
 * {@code RuntimeError}.
 *
 * <p>Depends on: the JDK only. Threading: immutable values, usable anywhere.
 */
package org.jasyncio.net;
