package dev.wharf.publish;

import dev.wharf.registry.PublishService;

import dev.wharf.errors.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.wharf.wire.PublishStatus;
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
    public PublishStatus status(@PathParam("eventId") String eventId) {
        UUID id;
        try {
            id = UUID.fromString(eventId);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not a publish id: " + eventId.replaceAll("[^0-9a-zA-Z-]", "?"));
        }
        PublishService.PublishStatus status = publishes.status(id);
        return PublishResource.statusBody(id, status.status(), status.message());
    }

}
