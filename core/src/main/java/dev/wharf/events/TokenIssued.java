package dev.wharf.events;

import java.util.List;
import java.util.UUID;

/**
 * A managed token was issued. Holds the SHA-256 of the secret, never the secret: the secret is
 * shown once, in the answer to the request that issued it. {@code namespaces} is {@code ["*"]}
 * for every namespace; {@code scopes} are {@code publish}, {@code yank}, {@code admin};
 * {@code expiresAt} is epoch seconds, null for never. {@code at} is epoch milliseconds.
 */
public record TokenIssued(UUID eventId, long at, String tokenId, String name, List<String> namespaces,
                          List<String> scopes, Long expiresAt, String secretSha256, Actor actor) implements RegistryEvent {

    public TokenIssued {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }

    @Override
    public String packageName() {
        return null;
    }

    /** Every event of one token lands in one partition, in order. */
    @Override
    public String key() {
        return "token:" + tokenId;
    }
}
