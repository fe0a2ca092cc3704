package dev.wharf.publish;

import dev.wharf.auth.PublishTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code POST /api/v1/packages} and the status of a publish answered with 202. */
@Path("/api/v1/packages")
@Produces(MediaType.APPLICATION_JSON)
public final class PublishResource {

    private final PublishTokens tokens;
    private final UploadSpool spool;
    private final PublishService publishes;
    private final PublishSlots slots;

    public PublishResource(PublishTokens tokens, UploadSpool spool, PublishService publishes, PublishSlots slots) {
        this.tokens = tokens;
        this.spool = spool;
        this.publishes = publishes;
        this.slots = slots;
    }

    @POST
    public Response publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @Context HttpServletRequest request) throws InterruptedException {
        PublishTokens.Grant grant = tokens.authenticate(authorization);
        try (PublishSlots.Slot slot = slots.take(grant.namespace())) {
            return publish(grant, request);
        }
    }

    private Response publish(PublishTokens.Grant grant, HttpServletRequest request) throws InterruptedException {
        PublishForm form = spool.receive(request);
        try {
            return switch (publishes.publish(grant, form)) {
                case PublishResult.Published p -> Response.status(Response.Status.CREATED).entity(p.meta()).build();
                case PublishResult.Pending p -> Response.status(Response.Status.ACCEPTED)
                        .entity(statusBody(p.eventId(), p.status(), null))
                        .header(HttpHeaders.LOCATION, "/api/v1/publishes/" + p.eventId())
                        .build();
            };
        } finally {
            UploadSpool.deleteQuietly(form.file());
        }
    }

    static Map<String, Object> statusBody(UUID id, String status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event_id", id.toString());
        body.put("status", status);
        body.put("status_url", "/api/v1/publishes/" + id);
        if (message != null) body.put("message", message);
        return body;
    }
}
