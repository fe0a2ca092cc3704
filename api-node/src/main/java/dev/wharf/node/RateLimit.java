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

/**
 * A per-client-address request budget per minute. Off unless REGISTRY_RATE_LIMIT_PER_MIN is
 * set, so ordinary use never trips it. {@code /health} is outside the budget: a load balancer
 * polls it from one address all day, and a refused probe would take the node out of service.
 */
public final class RateLimit implements ContainerRequestFilter {

    private final int perMinute;
    private final Cache<String, AtomicInteger> windows = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();

    @Context
    private HttpServletRequest request;

    public RateLimit(int perMinute) {
        this.perMinute = perMinute;
    }

    @Override
    public void filter(ContainerRequestContext context) {
        if ("health".equals(context.getUriInfo().getPath())) return;
        String client = request == null ? "unknown" : request.getRemoteAddr();
        if (windows.get(client, k -> new AtomicInteger()).incrementAndGet() > perMinute) {
            context.abortWith(ApiError.response(ApiError.Code.TOO_MANY_REQUESTS,
                    "more than " + perMinute + " requests in a minute from this address"));
        }
    }
}
