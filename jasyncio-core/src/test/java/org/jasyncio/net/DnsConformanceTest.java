package org.jasyncio.net;

import static org.jasyncio.net.NetTesting.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code getaddrinfo}/{@code getnameinfo} through the loop's executor, on every readiness
 * backend: uvloop's {@code tests/test_dns.py} approach (compare with the C library, here
 * through CPython on this machine) and {@code Lib/test/test_asyncio/test_base_events.py}
 * ({@code test_getnameinfo}, {@code test_ipaddr_info*}).
 */
@ParameterizedClass
@MethodSource("org.jasyncio.testing.Backends#readiness")
class DnsConformanceTest extends BackendLoopTest {

    /** What CPython's socket.getaddrinfo answers here, as "FAMILY TYPE proto host port" lines (null without python3). */
    private static List<String> python(String expr) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import socket\n"
                    + "for fam, typ, proto, canon, sa in " + expr + ":\n"
                    + "    print(fam.name, typ.name, proto, sa[0], sa[1])").redirectErrorStream(true).start();
        } catch (IOException noPython) {
            return null;
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    private static List<String> lines(List<AddressInfo> infos) {
        List<String> out = new ArrayList<>();
        for (AddressInfo i : infos) {
            String family = i.family() == AddressFamily.INET ? "AF_INET" : "AF_INET6";
            String host = i.address().getAddress().getHostAddress();
            if (host.contains(":")) {
                host = host.replaceAll("%.*", "");
                host = java.net.InetAddress.ofLiteral(host).getHostAddress().equals("0:0:0:0:0:0:0:1") ? "::1"
                        : host.equals("0:0:0:0:0:0:0:0") ? "::" : host;
            }
            out.add(family + " SOCK_" + i.type().name() + " " + i.proto() + " " + host + " " + i.address().getPort());
        }
        return out;
    }

    private void compareWithPython(String pyArgs, String host, int port, AddressFamily family, SocketKind type,
            int flags) throws Exception {
        List<String> expected = python("socket.getaddrinfo(" + pyArgs + ")");
        assumeTrue(expected != null, "python3 is not installed");
        List<AddressInfo> got = run(f, () -> loop.getaddrinfo(host, port, family, type, flags));
        assertEquals(expected, lines(got));
    }

    /** uvloop tests/test_dns.py::BaseTestDNS::_test_getaddrinfo (same answer as the C library) for a numeric host, any type */
    @Test
    void numericHostAnyType() throws Exception {
        compareWithPython("'127.0.0.1', 80", "127.0.0.1", 80, AddressFamily.UNSPEC, SocketKind.ANY, 0);
    }

    /** uvloop tests/test_dns.py::BaseTestDNS::_test_getaddrinfo for no host with AI_PASSIVE: the wildcard addresses */
    @Test
    void passiveWildcards() throws Exception {
        compareWithPython("None, 8080, flags=socket.AI_PASSIVE, type=socket.SOCK_STREAM", null, 8080,
                AddressFamily.UNSPEC, SocketKind.STREAM, AddressInfo.AI_PASSIVE);
    }

    /** uvloop tests/test_dns.py::BaseTestDNS::test_getaddrinfo_7 (no host, port 0: the loopback addresses) */
    @Test
    void noHostLoopbacks() throws Exception {
        compareWithPython("None, 0", null, 0, AddressFamily.UNSPEC, SocketKind.ANY, 0);
    }

    /** A numeric IPv6 host, one family. */
    @Test
    void numericIpv6() throws Exception {
        compareWithPython("'::1', 443, family=socket.AF_INET6, type=socket.SOCK_STREAM", "::1", 443,
                AddressFamily.INET6, SocketKind.STREAM, 0);
    }

    /** uvloop tests/test_dns.py::BaseTestDNS::test_getaddrinfo_2 (AI_CANONNAME), on localhost: no internet needed */
    @Test
    void localhostResolves() {
        List<AddressInfo> infos = run(f, () -> loop.getaddrinfo("localhost", 80, AddressFamily.UNSPEC,
                SocketKind.STREAM, AddressInfo.AI_CANONNAME));
        assertFalse(infos.isEmpty());
        assertTrue(infos.stream().allMatch(i -> i.address().getAddress().isLoopbackAddress()), infos.toString());
        assertEquals("localhost", infos.get(0).canonname());
        assertTrue(infos.stream().skip(1).allMatch(i -> i.canonname().isEmpty()));
    }

    /** The address family asked for must match a numeric host (glibc: EAI_ADDRFAMILY). */
    @Test
    void familyMismatch() {
        assertThrows(AddressResolutionException.class, () -> run(f,
                () -> loop.getaddrinfo("127.0.0.1", 80, AddressFamily.INET6, SocketKind.STREAM, 0)));
    }

    /** AI_NUMERICHOST forbids a name lookup. */
    @Test
    void numericHostFlagRefusesNames() {
        AddressResolutionException e = assertThrows(AddressResolutionException.class, () -> run(f,
                () -> loop.getaddrinfo("localhost", 80, AddressFamily.UNSPEC, SocketKind.ANY, AddressInfo.AI_NUMERICHOST)));
        assertTrue(e.getMessage().contains("Name or service not known"), e.getMessage());
    }

    /** uvloop tests/test_dns.py::BaseTestDNS::test_getaddrinfo_3 (a name that does not resolve; {@code .invalid} is reserved, RFC 2606) */
    @Test
    void unknownName() {
        AddressResolutionException e = assertThrows(AddressResolutionException.class,
                () -> run(f, () -> loop.getaddrinfo("no-such-host.invalid", 80)));
        assertTrue(e.getCause() instanceof java.net.UnknownHostException, String.valueOf(e.getCause()));
    }

    /** Flags jasyncio does not implement are refused, not ignored. */
    @Test
    void unsupportedFlagIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(f,
                () -> loop.getaddrinfo("127.0.0.1", 80, AddressFamily.UNSPEC, SocketKind.ANY, 0x0008)));
        assertTrue(e.getMessage().contains("supported"), e.getMessage());
    }

    /**
     * uvloop tests/test_dns.py::BaseTestDNS::test_getnameinfo_1, test_getnameinfo_4, test_getnameinfo_5 and
     * Lib/test/test_asyncio/test_base_events.py::BaseEventLoopTests::test_getnameinfo, checked against CPython
     */
    @Test
    void getnameinfo() throws Exception {
        NameInfo named = run(f, () -> loop.getnameinfo(new InetSocketAddress("127.0.0.1", 80)));
        NameInfo v6 = run(f, () -> loop.getnameinfo(new InetSocketAddress("::1", 80)));
        assertThrows(AddressResolutionException.class,
                () -> run(f, () -> loop.getnameinfo(InetSocketAddress.createUnresolved("localhost", 8080))));
        NameInfo numeric = run(f, () -> loop.getnameinfo(new InetSocketAddress("127.0.0.1", 80),
                NameInfo.NI_NUMERICHOST | NameInfo.NI_NUMERICSERV));
        NameInfo dgram = run(f, () -> loop.getnameinfo(new InetSocketAddress("127.0.0.1", 53), NameInfo.NI_DGRAM));
        assertEquals(new NameInfo("127.0.0.1", "80"), numeric);
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import socket\n"
                    + "print(*socket.getnameinfo(('127.0.0.1', 80), 0))\n"
                    + "print(*socket.getnameinfo(('127.0.0.1', 53), socket.NI_DGRAM))\n"
                    + "print(*socket.getnameinfo(('::1', 80), 0))\n"
                    + "try: socket.getnameinfo(('localhost', 8080), 0)\n"
                    + "except socket.gaierror: print('gaierror')").start();
        } catch (IOException noPython) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        List<String> expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals(expected.get(0), named.host() + " " + named.service());
        assertEquals(expected.get(1), dgram.host() + " " + dgram.service());
        assertEquals(expected.get(2), v6.host() + " " + v6.service());
        assertEquals("gaierror", expected.get(3));
    }

    /** Awaiting DNS methods need a task. */
    @Test
    void outsideATask() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.getaddrinfo("localhost", 80));
        assertTrue(e.getMessage().contains("inside a task"), e.getMessage());
    }
}
