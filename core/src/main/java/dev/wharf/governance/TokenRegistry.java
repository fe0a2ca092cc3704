package dev.wharf.governance;

import dev.wharf.events.RegistryEvent;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every managed token, as this node has read them from the log. Each node applies the token
 * events itself (an in-memory projection replayed from the log's start at every start-up), so
 * a token issued or revoked anywhere is known here as soon as this node has read the event:
 * no restart, no shared database on the request path.
 */
public final class TokenRegistry {

    private final Map<String, ManagedToken> byId = new ConcurrentHashMap<>();

    /** Applies a token event; others are ignored. The first issue of an id wins, as first-in-log-order does everywhere. */
    public void apply(RegistryEvent event) {
        switch (event) {
            case TokenIssued t -> byId.putIfAbsent(t.tokenId(), new ManagedToken(t.tokenId(), t.name(), t.namespaces(),
                    t.scopes(), t.at(), t.expiresAt(), t.secretSha256(), null, null,
                    t.actor() == null ? null : t.actor().tokenName()));
            case TokenRevoked r -> byId.computeIfPresent(r.tokenId(),
                    (id, token) -> token.revokedAtMillis() != null ? token : token.revoked(r.at(), r.reason()));
            default -> {}
        }
    }

    public Optional<ManagedToken> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every token, oldest first. */
    public List<ManagedToken> all() {
        return byId.values().stream().sorted(Comparator.comparingLong(ManagedToken::createdAtMillis)
                .thenComparing(ManagedToken::id)).toList();
    }
}
