package dev.wharf.publish;

import dev.wharf.registry.PublishService;

import dev.wharf.errors.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** {@code GET /api/v1/publishes/{id}}: what became of a publish that was answered with 202. */
@Path("/api/v1/publishes/{eventId}")
@Produces(MediaType.APPLICATION_JSON)
public final class PublishStatusResource {

    private final PublishService publishes;

    public PublishStatusResource(PublishService publishes) {
        this.publishes = publishes;
    }

    @GET
    public Map<String, Object> status(@PathParam("eventId") String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not a publish id: " + eventId.replaceAll("[^0-9a-zA-Z-]", "?"));
        }
        return publishes.status(id)
                .map(o -> PublishResource.statusBody(id, o.outcome().name().toLowerCase(), o.message()))
                .orElseGet(() -> PublishResource.statusBody(id, "pending", null));
    }

}
