package dev.wharf.publish;

import dev.wharf.registry.PublishForm;
import dev.wharf.registry.PublishResult;

import dev.wharf.registry.PublishService;

import dev.wharf.registry.PublishTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.wharf.packages.Representations;
import dev.wharf.wire.PublishStatus;
import java.util.UUID;

/** {@code POST /api/v1/packages} and the status of a publish answered with 202. */
@Path("/api/v1/packages")
@Produces(MediaType.APPLICATION_JSON)
public final class PublishResource {

    private final PublishTokens tokens;
    private final UploadSpool spool;
    private final PublishService publishes;
    private final String registryUrl;
    private final PublishSlots slots;
    private final PublishAudit audit;

    public PublishResource(PublishTokens tokens, UploadSpool spool, PublishService publishes, String registryUrl,
                           PublishSlots slots, dev.wharf.metrics.RegistryMetrics metrics) {
        this.tokens = tokens;
        this.spool = spool;
        this.publishes = publishes;
        this.registryUrl = registryUrl;
        this.slots = slots;
        this.audit = new PublishAudit(metrics);
    }

    @POST
    public Response publish(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                            @Context HttpServletRequest request) throws InterruptedException {
        // FullNodeRefusals authenticated it and holds its slot until this answer is written.
        if (request.getAttribute(FullNodeRefusals.GRANT) instanceof dev.wharf.governance.Principal handed) {
            return publishUnder(handed, request);
        }
        dev.wharf.governance.Principal grant = null;
        PublishSlots.Slot slot;
        try {
            grant = tokens.authenticate(authorization);
            // A slot before the body is read: past the caps a publish is refused at once with
            // Retry-After instead of holding a thread while its upload trickles in.
            slot = slots.take(grant.tokenId());
        } catch (RuntimeException e) {
            audit.refused(grant, null, e);
            throw e;
        }
        try (slot) {
            return publishUnder(grant, request);
        }
    }

    /** The publish itself, its slot already held. */
    private Response publishUnder(dev.wharf.governance.Principal grant, HttpServletRequest request) throws InterruptedException {
        PublishForm form = null;
        try {
            form = spool.receive(request);
            PublishResult result = publishes.publish(grant, form);
            audit.answered(grant, form, result);
            return switch (result) {
                case PublishResult.Published p -> Response.status(Response.Status.CREATED)
                        .entity(Representations.meta(p.event(), 0, registryUrl)).build();
                case PublishResult.Pending p -> Response.status(Response.Status.ACCEPTED)
                        .entity(statusBody(p.eventId(), p.status(), null))
                        .header(HttpHeaders.LOCATION, "/api/v1/publishes/" + p.eventId())
                        .build();
            };
        } catch (RuntimeException e) {
            audit.refused(grant, form, e);
            throw e;
        } finally {
            if (form != null) UploadSpool.deleteQuietly(form.file());
        }
    }

    static PublishStatus statusBody(UUID id, String status, String message) {
        return new PublishStatus(id.toString(), status, "/api/v1/publishes/" + id, message);
    }
}
