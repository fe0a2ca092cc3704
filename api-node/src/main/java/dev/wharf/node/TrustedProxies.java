package dev.wharf.node;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} this node believes (TRUSTED_PROXIES: addresses or
 * CIDR blocks, comma-separated). Anyone can send the header, so it names the client only when
 * the connection comes from a listed proxy; the client is then the rightmost address in the
 * chain that is not itself a trusted proxy (RFC 7239 §7.4: earlier entries are the client's own
 * claims and may be forged).
 */
public final class TrustedProxies {

    private record Block(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) if (address[i] != network[i]) return false;
            int rest = prefix % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Parses {@code 10.0.0.0/8, 127.0.0.1, ::1}; a malformed entry stops the node at start with its text. */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                String e = entry.strip();
                if (e.isEmpty()) continue;
                int slash = e.indexOf('/');
                byte[] network = literal(slash < 0 ? e : e.substring(0, slash), e);
                int prefix = network.length * 8;
                if (slash >= 0) {
                    try {
                        prefix = Integer.parseInt(e.substring(slash + 1));
                    } catch (NumberFormatException ex) {
                        prefix = -1;
                    }
                    if (prefix < 0 || prefix > network.length * 8) {
                        throw new IllegalArgumentException("TRUSTED_PROXIES: bad prefix length in " + e);
                    }
                }
                blocks.add(new Block(network, prefix));
            }
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** The client's address given the connection's peer and the request's X-Forwarded-For header (may be null). */
    public String client(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trusted(peer)) return peer;
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (!trusted(hop)) return hop;
        }
        // Every hop is a trusted proxy: the leftmost is as close to the client as we can tell.
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean trusted(String address) {
        if (blocks.isEmpty() || address == null) return false;
        byte[] bytes;
        try {
            bytes = literalOrNull(address);
        } catch (UnknownHostException e) {
            return false;
        }
        if (bytes == null) return false;
        for (Block b : blocks) if (b.contains(bytes)) return true;
        return false;
    }

    private static byte[] literal(String text, String entry) {
        try {
            byte[] bytes = literalOrNull(text);
            if (bytes != null) return bytes;
        } catch (UnknownHostException e) {
            // fall through to the sentence below
        }
        throw new IllegalArgumentException("TRUSTED_PROXIES: " + entry + " is not an IP address or CIDR block");
    }

    /** Only literal addresses: a host name here would make every request wait on DNS. */
    private static byte[] literalOrNull(String text) throws UnknownHostException {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9a-fA-F:.]+");
        if (!v4 && !v6) return null;
        return InetAddress.getByName(t).getAddress();
    }
}
