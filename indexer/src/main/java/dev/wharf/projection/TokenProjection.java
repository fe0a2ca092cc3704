package dev.wharf.projection;

import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.governance.TokenRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's own {@link TokenRegistry}, fed by its own tail over every partition. It keeps no
 * state on disk: every start replays the log from its beginning (token events are few; the
 * rest is skipped after reading its type), so a node knows every token before its health check lets
 * traffic in, and there is no store to drift from the log.
 */
public final class TokenProjection implements Projection {

    private final TokenRegistry registry;
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();

    public TokenProjection(TokenRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String name() {
        return "tokens";
    }

    /** Token events only: every start reads the whole log, and decoding the publishes was most of its cost (issue 12). */
    @Override
    public java.util.Optional<java.util.Set<String>> onlyTypes() {
        return java.util.Optional.of(java.util.Set.of(TokenIssued.TYPE, TokenRevoked.TYPE));
    }

    @Override
    public Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public void apply(List<LoggedEvent> batch) {
        for (LoggedEvent e : batch) {
            Long next = positions.get(e.partition());
            if (next != null && e.offset() < next) continue;
            if (e.event() instanceof TokenIssued || e.event() instanceof TokenRevoked) registry.apply(e.event());
            positions.put(e.partition(), e.offset() + 1);
        }
    }
}
