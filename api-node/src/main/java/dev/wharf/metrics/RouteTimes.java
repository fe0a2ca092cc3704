package dev.wharf.metrics;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every read (GET, HEAD) by the route it matched, as its URI template
 * ({@code /api/v1/packages/{name}/versions}), never the raw path: a label per package name would
 * grow without bound. Searches are also timed on their own, for {@code wharf_search_seconds}.
 */
public final class RouteTimes implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String STARTED = RouteTimes.class.getName() + ".started";

    private final RegistryMetrics metrics;

    public RouteTimes(RegistryMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(STARTED) instanceof Long started)) return;
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) return;
        long nanos = System.nanoTime() - started;
        String route = route(request);
        metrics.read(route, nanos);
        if (route.equals("/api/v1/search")) metrics.search().update(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String route(ContainerRequestContext request) {
        if (!(request.getUriInfo() instanceof ExtendedUriInfo info) || info.getMatchedTemplates().isEmpty()) return "unmatched";
        // Jersey lists the templates innermost first.
        List<UriTemplate> templates = new ArrayList<>(info.getMatchedTemplates());
        Collections.reverse(templates);
        StringBuilder route = new StringBuilder();
        for (UriTemplate t : templates) {
            String part = t.getTemplate();
            if (part.isEmpty() || part.equals("/")) continue;
            if (!part.startsWith("/")) route.append('/');
            route.append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
        }
        String r = route.toString().replaceAll("\\{(\\w+):[^}]*}", "{$1}");
        return r.isEmpty() ? "/" : r;
    }
}
