package dev.wharf.node;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.errors.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.ws.rs.core.Response;

/**
 * A per-client-address request budget per minute. Off unless REGISTRY_RATE_LIMIT_PER_MIN is
 * set, so ordinary use never trips it. {@code /health} is outside the budget: a load balancer
 * polls it from one address all day, and a refused probe would take the node out of service.
 * Behind a proxy the client is read from {@code X-Forwarded-For}, but only on connections from
 * {@link TrustedProxies}; a refusal says in {@code Retry-After} (RFC 9110 §10.2.3) when this
 * address's window ends.
 */
public final class RateLimit implements ContainerRequestFilter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    /** One address's budget for the minute that began at {@code startNanos}. */
    private record Window(long startNanos, AtomicInteger used) {}

    private final int perMinute;
    private final TrustedProxies proxies;
    private final Cache<String, Window> windows = Caffeine.newBuilder()
            .expireAfterWrite(WINDOW).maximumSize(100_000).build();

    @Context
    private HttpServletRequest request;

    public RateLimit(int perMinute, TrustedProxies proxies) {
        this.perMinute = perMinute;
        this.proxies = proxies;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if ("health".equals(context.getUriInfo().getPath())) return;
        String client = request == null ? "unknown"
                : proxies.client(request.getRemoteAddr(), context.getHeaderString("X-Forwarded-For"));
        Window window = windows.get(client, k -> new Window(System.nanoTime(), new AtomicInteger()));
        if (window.used().incrementAndGet() > perMinute) {
            long left = WINDOW.toNanos() - (System.nanoTime() - window.startNanos());
            long seconds = Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
            Response refused = ApiError.response(ApiError.Code.TOO_MANY_REQUESTS,
                    "more than " + perMinute + " requests in a minute from this address; try again in " + seconds + " s");
            context.abortWith(Response.fromResponse(refused).header("Retry-After", seconds).build());
        }
    }
}
