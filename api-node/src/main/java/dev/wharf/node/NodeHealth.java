package dev.wharf.node;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.wharf.stats.Uptime;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Whether this node can serve, from the health checks registered on the admin port. The
 * answer is cached for a second so that {@code /health} under load does not hammer Kafka,
 * the database and the blob store. Until the node has been healthy once, a failing answer is
 * kept only 100 ms: a starting node is polled until it is ready, and a second of a stale "not
 * yet" would add up to a second to every start-up (issue 12).
 */
public final class NodeHealth {

    private final HealthCheckRegistry checks;
    private final Uptime uptime;
    private static final long KEEP_NANOS = 1_000_000_000L;
    private static final long KEEP_STARTING_NANOS = 100_000_000L;

    private volatile long checkedAt;
    private volatile boolean servedOnce;
    private volatile SortedMap<String, String> failing = new TreeMap<>();

    public NodeHealth(HealthCheckRegistry checks, Uptime uptime) {
        this.checks = checks;
        this.uptime = uptime;
    }

    /** Failing checks by name with their messages; empty when the node can serve. */
    public synchronized Map<String, String> failing() {
        long keep = servedOnce ? KEEP_NANOS : KEEP_STARTING_NANOS;
        if (System.nanoTime() - checkedAt > keep || checkedAt == 0) {
            SortedMap<String, String> now = new TreeMap<>();
            for (var e : checks.runHealthChecks().entrySet()) {
                if (e.getKey().equals("deadlocks")) continue;
                HealthCheck.Result r = e.getValue();
                if (!r.isHealthy()) now.put(e.getKey(), r.getMessage() == null ? "unhealthy" : r.getMessage());
            }
            failing = now;
            if (now.isEmpty()) servedOnce = true;
            checkedAt = System.nanoTime();
            uptime.sample(now.isEmpty());
        }
        return failing;
    }
}
