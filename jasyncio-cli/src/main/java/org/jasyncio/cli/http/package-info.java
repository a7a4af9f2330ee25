/**
 * A minimal HTTP/1.1 server for the {@code jasyncio http-server} example and the network
 * benchmark: an incremental request parser ({@link org.jasyncio.cli.http.RequestParser})
 * and a {@code Protocol} that answers each request as soon as it is complete
 * ({@link org.jasyncio.cli.http.HttpServerProtocol}).
 *
 * <p>Depends on the public jasyncio API only ({@code org.jasyncio.transport},
 * {@code org.jasyncio.loop}, {@code org.jasyncio.net}). The parser is plain Java with no
 * I/O, so it is tested byte by byte.
 *
 * <p>Threading: a parser and a protocol belong to one connection and are used only from
 * the loop thread; the response buffer is shared by every connection of one server, which
 * is safe because the loop runs one callback at a time.
 */
package org.jasyncio.cli.http;
