package org.jasyncio.internal.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

import org.jasyncio.net.AddressFamily;
import org.jasyncio.net.AddressInfo;
import org.jasyncio.net.AddressResolutionException;
import org.jasyncio.net.NameInfo;
import org.jasyncio.net.SocketKind;

/**
 * The blocking halves of {@code getaddrinfo} and {@code getnameinfo}, over the JDK's
 * {@link InetAddress} (the system resolver). Run on executor threads only, except for
 * {@link #literal}, which never blocks.
 *
 * <p>Design notes, where the JDK differs from the C library: the order of a name's
 * addresses is the JDK's ({@code java.net.preferIPv6Addresses}: IPv4 first unless set to
 * {@code true} or {@code system}); {@code AI_CANONNAME} reports the name a reverse lookup
 * of the first address gives, or the host as given when that fails; a {@code null} host
 * gives the wildcard addresses (IPv4 first, as glibc) with {@code AI_PASSIVE}, the
 * loopback addresses (IPv6 first, as glibc) without.
 */
final class AddressResolver {
    private AddressResolver() {
    }

    static List<AddressInfo> getaddrinfo(String host, int port, AddressFamily family, SocketKind type, int flags) {
        checkPort(port);
        List<InetAddress> addresses;
        if (host == null) {
            addresses = (flags & AddressInfo.AI_PASSIVE) != 0 ? wildcards() : loopbacks();
        } else {
            InetAddress literal = literal(host);
            if (literal != null) {
                addresses = List.of(literal);
            } else if ((flags & AddressInfo.AI_NUMERICHOST) != 0) {
                throw new AddressResolutionException("Name or service not known: '" + host
                        + "' is not a numeric address and AI_NUMERICHOST forbids a name lookup");
            } else {
                try {
                    addresses = Arrays.asList(InetAddress.getAllByName(host));
                } catch (UnknownHostException e) {
                    throw new AddressResolutionException("Name or service not known: '" + host + "'", e);
                }
            }
        }
        List<InetAddress> selected = new ArrayList<>(addresses.size());
        boolean[] configured = (flags & AddressInfo.AI_ADDRCONFIG) != 0 ? configuredFamilies() : null;
        for (InetAddress a : addresses) {
            AddressFamily f = AddressFamily.of(a);
            if (!family.accepts(f)) {
                continue;
            }
            if (configured != null && !(f == AddressFamily.INET ? configured[0] : configured[1])) {
                continue;
            }
            selected.add(a);
        }
        if (selected.isEmpty()) {
            throw new AddressResolutionException("Address family for hostname not supported: '" + host
                    + "' has no " + (family == AddressFamily.UNSPEC ? "configured" : family.name()) + " address");
        }
        String canon = "";
        if ((flags & AddressInfo.AI_CANONNAME) != 0) {
            canon = canonicalName(host, selected.get(0));
        }
        List<AddressInfo> out = new ArrayList<>();
        for (InetAddress a : selected) {
            InetSocketAddress sa = new InetSocketAddress(a, port);
            AddressFamily f = AddressFamily.of(a);
            if (type == SocketKind.ANY) {
                for (SocketKind k : new SocketKind[] {SocketKind.STREAM, SocketKind.DGRAM, SocketKind.RAW}) {
                    out.add(new AddressInfo(f, k, k.defaultProto(), out.isEmpty() ? canon : "", sa));
                }
            } else {
                out.add(new AddressInfo(f, type, type.defaultProto(), out.isEmpty() ? canon : "", sa));
            }
        }
        return out;
    }

    /** {@code host} as an address when it is an IPv4 or IPv6 literal, else {@code null}. Never blocks. */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException notALiteral) {
            return null;
        }
    }

    static NameInfo getnameinfo(InetSocketAddress address, int flags) {
        if ((flags & ~NameInfo.SUPPORTED_FLAGS) != 0) {
            throw new IllegalArgumentException("unsupported getnameinfo flags 0x" + Integer.toHexString(flags)
                    + "; supported: NI_NUMERICHOST, NI_NUMERICSERV, NI_NOFQDN, NI_NAMEREQD, NI_DGRAM");
        }
        InetAddress ip = address.getAddress();
        if (ip == null) {
            // As the C library behind Python: the host of getnameinfo must be numeric.
            ip = literal(address.getHostString());
            if (ip == null) {
                throw new AddressResolutionException("Name or service not known: getnameinfo needs a numeric "
                        + "address, not '" + address.getHostString() + "' (resolve it with getaddrinfo first)");
            }
        }
        String numeric = numericHost(ip);
        String host;
        if ((flags & NameInfo.NI_NUMERICHOST) != 0) {
            host = numeric;
        } else {
            InetAddress bare;
            try {
                bare = InetAddress.getByAddress(ip.getAddress());
            } catch (UnknownHostException e) {
                throw new AddressResolutionException("Address family for hostname not supported", e);
            }
            host = bare.getHostName();
            boolean named = !host.equals(bare.getHostAddress()) && !host.equals(numeric);
            if (!named) {
                if ((flags & NameInfo.NI_NAMEREQD) != 0) {
                    throw new AddressResolutionException("Name or service not known: " + numeric + " has no name");
                }
                host = numeric;
            } else if ((flags & NameInfo.NI_NOFQDN) != 0 && host.indexOf('.') > 0) {
                host = host.substring(0, host.indexOf('.'));
            }
        }
        String service = Integer.toString(address.getPort());
        if ((flags & NameInfo.NI_NUMERICSERV) == 0) {
            String name = ServiceNames.lookup(address.getPort(), (flags & NameInfo.NI_DGRAM) != 0 ? "udp" : "tcp");
            if (name != null) {
                service = name;
            }
        }
        return new NameInfo(host, service);
    }

    static void checkFlags(int flags) {
        if ((flags & ~AddressInfo.SUPPORTED_FLAGS) != 0) {
            throw new IllegalArgumentException("unsupported getaddrinfo flags 0x" + Integer.toHexString(flags)
                    + "; supported: AI_PASSIVE, AI_CANONNAME, AI_NUMERICHOST, AI_NUMERICSERV, AI_ADDRCONFIG");
        }
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
    }

    /**
     * The C library's text form of an address, as Python prints it: IPv6 in RFC 5952's
     * compressed form ({@code ::1}, not the JDK's {@code 0:0:0:0:0:0:0:1}), with its scope
     * ({@code fe80::1%eth0}).
     */
    static String numericHost(InetAddress ip) {
        if (!(ip instanceof Inet6Address v6)) {
            return ip.getHostAddress();
        }
        byte[] b = v6.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;   // RFC 5952: a single zero group is not compressed
        for (int i = 0; i < 8;) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        String text = v6.getHostAddress();
        int percent = text.indexOf('%');
        return percent >= 0 ? sb + text.substring(percent) : sb.toString();
    }

    private static String canonicalName(String host, InetAddress first) {
        if (host == null) {
            return "";
        }
        if (literal(host) != null) {
            return host;
        }
        String reverse = first.getCanonicalHostName();
        return reverse.equals(first.getHostAddress()) ? host.toLowerCase(Locale.ROOT) : reverse;
    }

    private static List<InetAddress> wildcards() {
        List<InetAddress> list = new ArrayList<>(2);
        list.add(bytes(new byte[4]));
        if (ipv6Available()) {
            list.add(bytes(new byte[16]));
        }
        return list;
    }

    private static List<InetAddress> loopbacks() {
        List<InetAddress> list = new ArrayList<>(2);
        if (ipv6Available()) {
            byte[] one = new byte[16];
            one[15] = 1;
            list.add(bytes(one));
        }
        list.add(bytes(new byte[] {127, 0, 0, 1}));
        return list;
    }

    private static InetAddress bytes(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static volatile Boolean ipv6;

    /** Whether this JVM can use IPv6: not disabled by {@code java.net.preferIPv4Stack}, and some interface has it. */
    static boolean ipv6Available() {
        Boolean known = ipv6;
        if (known == null) {
            known = ipv6 = !Boolean.getBoolean("java.net.preferIPv4Stack") && anyInterfaceHas(Inet6Address.class, true);
        }
        return known;
    }

    /** [has non-loopback IPv4, has non-loopback IPv6], for AI_ADDRCONFIG. */
    private static boolean[] configuredFamilies() {
        return new boolean[] {anyInterfaceHas(Inet4Address.class, false), anyInterfaceHas(Inet6Address.class, false)};
    }

    private static boolean anyInterfaceHas(Class<? extends InetAddress> kind, boolean loopbackCounts) {
        try {
            Enumeration<NetworkInterface> all = NetworkInterface.getNetworkInterfaces();
            while (all != null && all.hasMoreElements()) {
                NetworkInterface ni = all.nextElement();
                Enumeration<InetAddress> addrs = ni.getInetAddresses();
                while (addrs.hasMoreElements()) {
                    InetAddress a = addrs.nextElement();
                    if (kind.isInstance(a) && (loopbackCounts || !a.isLoopbackAddress())) {
                        return true;
                    }
                }
            }
        } catch (SocketException e) {
            return false;
        }
        return false;
    }
}
