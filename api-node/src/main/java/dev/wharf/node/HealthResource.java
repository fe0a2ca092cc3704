package dev.wharf.node;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.wharf.wire.HealthReport;
import java.util.Map;

/** {@code GET /health}: {@code ok} while this node can serve, else 503 with the reasons. */
@Path("/health")
public final class HealthResource {

    private final NodeHealth health;

    public HealthResource(NodeHealth health) {
        this.health = health;
    }

    @GET
    public Response health() {
        Map<String, String> failing = health.failing();
        if (failing.isEmpty()) return Response.ok("ok", MediaType.TEXT_PLAIN_TYPE).build();
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new HealthReport("unavailable", "this node cannot serve", failing)).build();
    }
}
