package dev.wharf.governance;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.Refusal;
import dev.wharf.events.LogPosition;
import dev.wharf.events.RegistryEvent;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.ports.EventAppender;
import dev.wharf.registry.PublishTokens;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuing and revoking managed tokens: each is an event on the log that every node applies to
 * its own {@link TokenRegistry}. The answer waits until this node has applied it, so the token
 * works (or is refused) here the moment the client hears back; other nodes follow within their
 * tail's latency (well under a second).
 */
public final class TokenService {

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    static final int MAX_NAME = 64;
    static final int MAX_REASON = 1024;
    static final int MAX_DAYS = 3650;
    // 32 random bytes: 256 bits, as crates.io and GitHub tokens; a prefix makes a leaked one greppable.
    private static final int SECRET_BYTES = 32;
    public static final String SECRET_PREFIX = "wharf_";

    private final TokenRegistry registry;
    private final EventAppender log;
    private final AppliedHere here;
    private final Duration timeout;
    private final Clock clock;
    private final String node;
    private final SecureRandom random = new SecureRandom();

    public TokenService(TokenRegistry registry, EventAppender log, AppliedHere here, Duration timeout, Clock clock, String node) {
        this.registry = registry;
        this.log = log;
        this.here = here;
        this.timeout = timeout;
        this.clock = clock;
        this.node = node;
    }

    /** A new token and its secret, which exists nowhere else: the caller shows it once. */
    public record Issued(ManagedToken token, String secret) {}

    public Issued issue(Principal by, String name, List<String> namespaces, List<String> scopes, Integer expiresInDays)
            throws InterruptedException {
        by.mustBeAdmin();
        if (name == null || name.isBlank()) throw new InvalidInput("name is required: say what the token is for, e.g. \"ci for alice\"");
        if (name.length() > MAX_NAME) throw new InvalidInput("name is longer than " + MAX_NAME + " characters");
        if (name.indexOf('\0') >= 0) throw new InvalidInput("name must not contain NUL (U+0000) characters");
        if (namespaces == null || namespaces.isEmpty()) {
            throw new InvalidInput("namespaces is required: the namespaces the token acts in, or [\"*\"] for all");
        }
        List<String> cleanNamespaces = new ArrayList<>(new LinkedHashSet<>(namespaces.stream().map(n -> {
            if (n == null || n.isBlank()) throw new InvalidInput("namespaces must not hold empty entries");
            String ns = n.strip();
            if (!ns.equals(Principal.ANY)) PackageName.parse(ns + ":x");
            return ns;
        }).toList()));
        if (scopes == null || scopes.isEmpty()) throw new InvalidInput("scopes is required: one or more of publish, yank, admin");
        List<String> cleanScopes = scopes.stream().map(Scope::parse).distinct().sorted().map(Scope::wire).toList();
        if (expiresInDays != null && (expiresInDays < 1 || expiresInDays > MAX_DAYS)) {
            throw new InvalidInput("expires_in_days must be between 1 and " + MAX_DAYS + " (leave it out for a token that never expires)");
        }
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        String secret = SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] idBytes = new byte[8];
        random.nextBytes(idBytes);
        String id = "tok-" + HexFormat.of().formatHex(idBytes);
        long now = clock.millis();
        Long expiresAt = expiresInDays == null ? null : now / 1000 + expiresInDays * 86_400L;
        TokenIssued event = new TokenIssued(UUID.randomUUID(), now, id, name.strip(), cleanNamespaces, cleanScopes, expiresAt,
                PublishTokens.sha256Hex(secret), by.actor(node));
        appendAndApply(event);
        return new Issued(registry.byId(id).orElseThrow(), secret);
    }

    public void revoke(Principal by, String id, String reason) throws InterruptedException {
        by.mustBeAdmin();
        if (id != null && id.startsWith("env:")) {
            throw new Refusal.Conflict("'" + id + "' is a bootstrap token: remove it from REGISTRY_ADMIN_TOKEN/REGISTRY_TOKENS instead");
        }
        ManagedToken token = registry.byId(id).orElseThrow(() -> new Refusal.NotFound("no token " + printable(id)));
        if (token.revokedAtMillis() != null) return; // revoked already: nothing changes, nothing to record
        if (reason != null && reason.length() > MAX_REASON) throw new InvalidInput("reason is longer than " + MAX_REASON + " characters");
        appendAndApply(new TokenRevoked(UUID.randomUUID(), clock.millis(), id, reason, by.actor(node)));
    }

    public List<ManagedToken> list(Principal by) {
        by.mustBeAdmin();
        return registry.all();
    }

    private void appendAndApply(RegistryEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        LogPosition position;
        try {
            position = log.append(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("event log refused {} {}: {}", event.getClass().getSimpleName(), event.eventId(), e.toString());
            throw new Refusal.Unavailable("the event log is unavailable; nothing was changed, try again");
        }
        if (!here.awaitApplied(position, deadline)) {
            throw new Refusal.Unavailable("the change is in the log but this node has not applied it yet; it will shortly");
        }
    }

    private static String printable(String id) {
        return id == null ? "null" : "'" + PackageName.printable(id) + "'";
    }
}
