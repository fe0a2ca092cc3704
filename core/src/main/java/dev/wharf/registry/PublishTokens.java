package dev.wharf.registry;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.Refusal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may publish where. Only SHA-256 hashes of tokens are kept, and a presented token is
 * compared against every known hash in constant time, so neither memory dumps nor timing
 * reveal a token. Tokens are never logged.
 */
public final class PublishTokens {

    /** A token's grant: a namespace, or every namespace for the admin token. */
    public record Grant(String namespace) {
        public static final String ANY = "*";

        public boolean allows(PackageName name) {
            return ANY.equals(namespace) || namespace.equals(name.namespace());
        }
    }

    private record Entry(byte[] hash, Grant grant) {}

    private final List<Entry> entries = new ArrayList<>();

    /** @param tokens {@code ns1:tok1,ns2:tok2} */
    public PublishTokens(String adminToken, String tokens) {
        if (adminToken != null && !adminToken.isBlank()) entries.add(new Entry(hash(adminToken.strip()), new Grant(Grant.ANY)));
        if (tokens != null) {
            for (String pair : tokens.split(",")) {
                int colon = pair.indexOf(':');
                if (colon <= 0 || colon == pair.length() - 1) continue;
                entries.add(new Entry(hash(pair.substring(colon + 1).strip()), new Grant(pair.substring(0, colon).strip())));
            }
        }
    }

    /** The grant of the bearer token in an {@code Authorization} header; refused when missing or unknown. */
    public Grant authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refusal.Unauthenticated("a publish needs 'Authorization: Bearer TOKEN'");
        }
        byte[] presented = hash(authorizationHeader.substring(7).strip());
        Grant found = null;
        for (Entry e : entries) {
            // No early exit: every entry is compared, whatever matches.
            if (MessageDigest.isEqual(e.hash, presented) && found == null) found = e.grant;
        }
        if (found == null) throw new Refusal.Unauthenticated("unknown token");
        return found;
    }

    public void authorize(Grant grant, PackageName name) {
        if (!grant.allows(name)) {
            throw new Refusal.Forbidden(
                    "this token publishes only in namespace '" + grant.namespace() + "', not '" + name.namespace() + "'");
        }
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
