package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.UUID;

/**
 * A managed token was issued. Holds the SHA-256 of the secret, never the secret: the secret is
 * shown once, in the answer to the request that issued it. {@code namespaces} is {@code ["*"]}
 * for every namespace; {@code scopes} are {@code publish}, {@code yank}, {@code admin};
 * {@code expiresAt} is epoch seconds, null for never. {@code at} is epoch milliseconds.
 */
public record TokenIssued(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("at") long at,
        @JsonProperty("token_id") String tokenId,
        @JsonProperty("name") String name,
        @JsonProperty("namespaces") List<String> namespaces,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("secret_sha256") String secretSha256,
        @JsonProperty("actor") Actor actor) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "TokenIssued";
    public static final int SCHEMA = 1;


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
