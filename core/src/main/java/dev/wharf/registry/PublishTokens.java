package dev.wharf.registry;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.Refusal;
import dev.wharf.governance.ManagedToken;
import dev.wharf.governance.Principal;
import dev.wharf.governance.Scope;
import dev.wharf.governance.TokenRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Who a bearer token is: a bootstrap token from the environment ({@code REGISTRY_ADMIN_TOKEN},
 * {@code REGISTRY_TOKENS}) or a managed token from the log ({@link TokenRegistry}). Only
 * SHA-256 hashes of tokens are kept, and a presented token is compared against every known
 * hash in constant time, so neither memory dumps nor timing reveal a token. Tokens are never
 * logged, and no refusal repeats one.
 */
public final class PublishTokens {

    private static final Set<Scope> NAMESPACE_SCOPES = EnumSet.of(Scope.PUBLISH, Scope.YANK);

    private record Bootstrap(byte[] hash, Principal principal) {}

    private final List<Bootstrap> bootstrap = new ArrayList<>();
    private final TokenRegistry managed;
    private final Clock clock;

    /** Bootstrap tokens only (tests and tools without a log). */
    public PublishTokens(String adminToken, String tokens) {
        this(adminToken, tokens, new TokenRegistry(), Clock.systemUTC());
    }

    /**
     * @param tokens {@code ns1:tok1,ns2:tok2}; a malformed entry stops start-up with a sentence
     *               naming it by position and namespace (never by its secret)
     */
    public PublishTokens(String adminToken, String tokens, TokenRegistry managed, Clock clock) {
        this.managed = managed;
        this.clock = clock;
        if (adminToken != null && !adminToken.isBlank()) {
            bootstrap.add(new Bootstrap(hash(adminToken.strip()), new Principal("env:admin", "env:admin",
                    List.of(Principal.ANY), EnumSet.allOf(Scope.class), null)));
        }
        if (tokens != null && !tokens.isBlank()) {
            String[] entries = tokens.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                int colon = entry.indexOf(':');
                String where = "REGISTRY_TOKENS entry " + (i + 1) + " of " + entries.length;
                if (entry.isEmpty()) throw new IllegalArgumentException(where + " is empty; expected NAMESPACE:TOKEN,NAMESPACE:TOKEN");
                if (colon < 0) {
                    throw new IllegalArgumentException(where + " has no ':' between namespace and token; expected NAMESPACE:TOKEN");
                }
                String namespace = entry.substring(0, colon).strip();
                String secret = entry.substring(colon + 1).strip();
                if (namespace.isEmpty()) throw new IllegalArgumentException(where + " has an empty namespace; expected NAMESPACE:TOKEN");
                try {
                    PackageName.parse(namespace + ":x");
                } catch (InvalidInput e) {
                    throw new IllegalArgumentException(where + " names namespace '" + PackageName.printable(namespace)
                            + "', which is not a valid namespace (" + e.getMessage() + ")");
                }
                if (secret.isEmpty()) {
                    throw new IllegalArgumentException(where + " (namespace '" + namespace + "') has an empty token");
                }
                bootstrap.add(new Bootstrap(hash(secret), new Principal("env:" + namespace, "env:" + namespace,
                        List.of(namespace), NAMESPACE_SCOPES, null)));
            }
        }
    }

    /**
     * The principal of the bearer token in an {@code Authorization} header: refused (401) when
     * missing, unknown, expired or revoked.
     */
    public Principal authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Refusal.Unauthenticated("this needs a token: send 'Authorization: Bearer TOKEN'");
        }
        byte[] presented = hash(authorizationHeader.substring(7).strip());
        Principal found = null;
        for (Bootstrap b : bootstrap) {
            // No early exit: every entry is compared, whatever matches.
            if (MessageDigest.isEqual(b.hash, presented) && found == null) found = b.principal;
        }
        ManagedToken token = null;
        for (ManagedToken t : managed.all()) {
            if (MessageDigest.isEqual(HexFormat.of().parseHex(t.secretSha256()), presented) && token == null) token = t;
        }
        if (found != null) return found;
        if (token == null) throw new Refusal.Unauthenticated("unknown token");
        if (token.revokedAtMillis() != null) {
            throw new Refusal.Unauthenticated("token '" + token.name() + "' (" + token.id() + ") was revoked on "
                    + Instant.ofEpochMilli(token.revokedAtMillis())
                    + (token.revokeReason() == null || token.revokeReason().isBlank() ? "" : ": " + token.revokeReason()));
        }
        if (token.expiresAt() != null && clock.instant().getEpochSecond() >= token.expiresAt()) {
            throw new Refusal.Unauthenticated("token '" + token.name() + "' (" + token.id() + ") expired on "
                    + Instant.ofEpochSecond(token.expiresAt()) + "; ask an admin for a new one");
        }
        return new Principal(token.id(), token.name(), token.namespaces(),
                token.scopes().stream().map(Scope::parse).collect(java.util.stream.Collectors.toSet()), token.expiresAt());
    }

    /** The publish check: the publish scope in the package's namespace. */
    public void authorize(Principal principal, PackageName name) {
        principal.mayPublish(name);
    }

    /** SHA-256 of a secret, as hex: what a {@code TokenIssued} event holds. */
    public static String sha256Hex(String secret) {
        return HexFormat.of().formatHex(hash(secret));
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
