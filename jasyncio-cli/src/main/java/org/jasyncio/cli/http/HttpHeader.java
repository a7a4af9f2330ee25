package org.jasyncio.cli.http;

/**
 * One header field of a request, as received: the name keeps its case (compare it with
 * {@link String#equalsIgnoreCase}), the value has its leading and trailing whitespace
 * removed. Both are decoded as ISO-8859-1, so every byte survives.
 */
public record HttpHeader(String name, String value) {
}
