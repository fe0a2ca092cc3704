package dev.wharf.governance;

import java.util.List;

/** A token issued through the admin API, as the log made it: never its secret, only the secret's SHA-256. */
public record ManagedToken(String id, String name, List<String> namespaces, List<String> scopes, long createdAtMillis,
                           Long expiresAt, String secretSha256, Long revokedAtMillis, String revokeReason,
                           String issuedBy) {

    public ManagedToken revoked(long at, String reason) {
        return new ManagedToken(id, name, namespaces, scopes, createdAtMillis, expiresAt, secretSha256, at, reason, issuedBy);
    }
}
