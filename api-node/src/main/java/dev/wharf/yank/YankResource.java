package dev.wharf.yank;

import dev.wharf.domain.InvalidInput;
import dev.wharf.governance.YankService;
import dev.wharf.packages.Representations;
import dev.wharf.registry.PublishTokens;
import dev.wharf.wire.DeprecationRequest;
import dev.wharf.wire.PublishStatus;
import dev.wharf.wire.YankRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST|DELETE /api/v1/packages/{name}/{version}/yank} and
 * {@code POST|DELETE /api/v1/packages/{name}/deprecate}. Names may hold an encoded {@code /},
 * so the path is split from the right as the package reads are. Answers the version's
 * metadata as it reads after the change (for a deprecation: the package's latest version), or
 * 202 with a status URL when the log's verdict takes longer than the publish timeout.
 */
@Path("/api/v1/packages/{path: .+}")
@Produces(MediaType.APPLICATION_JSON)
public final class YankResource {

    private final PublishTokens tokens;
    private final YankService yanks;
    private final String registryUrl;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public YankResource(PublishTokens tokens, YankService yanks, String registryUrl, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.tokens = tokens;
        this.yanks = yanks;
        this.registryUrl = registryUrl;
        this.json = json;
    }

    @POST
    public Response change(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("path") String path,
                           byte[] body) throws InterruptedException {
        var principal = tokens.authenticate(authorization);
        if (path.endsWith("/deprecate")) {
            DeprecationRequest request = read(body, DeprecationRequest.class);
            if (request == null || request.message() == null || request.message().isBlank()) {
                throw new InvalidInput("send {\"message\": \"...\"}: what users of the package should do instead");
            }
            return answer(yanks.deprecate(principal, path.substring(0, path.length() - "/deprecate".length()), request.message()));
        }
        String[] nameAndVersion = yankPath(path);
        YankRequest request = read(body, YankRequest.class);
        return answer(yanks.yank(principal, nameAndVersion[0], nameAndVersion[1], request == null ? null : request.reason()));
    }

    @DELETE
    public Response undo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("path") String path)
            throws InterruptedException {
        var principal = tokens.authenticate(authorization);
        if (path.endsWith("/deprecate")) {
            return answer(yanks.deprecate(principal, path.substring(0, path.length() - "/deprecate".length()), null));
        }
        String[] nameAndVersion = yankPath(path);
        return answer(yanks.unyank(principal, nameAndVersion[0], nameAndVersion[1]));
    }

    private static String[] yankPath(String path) {
        if (!path.endsWith("/yank")) {
            throw new jakarta.ws.rs.NotAllowedException("GET");
        }
        String rest = path.substring(0, path.length() - "/yank".length());
        int slash = rest.lastIndexOf('/');
        if (slash <= 0) throw new dev.wharf.domain.Refusal.NotFound("use /api/v1/packages/{name}/{version}/yank");
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private <T> T read(byte[] body, Class<T> type) {
        if (body == null || body.length == 0) return null;
        try {
            return json.readValue(body, type);
        } catch (java.io.IOException e) {
            throw new InvalidInput("malformed JSON");
        }
    }

    private Response answer(YankService.Result result) {
        return switch (result) {
            case YankService.Result.Applied a -> Response.ok(Representations.meta(a.version(), registryUrl)).build();
            case YankService.Result.Pending p -> Response.status(Response.Status.ACCEPTED)
                    .entity(new PublishStatus(p.eventId().toString(), "pending", "/api/v1/publishes/" + p.eventId(), null))
                    .header(HttpHeaders.LOCATION, "/api/v1/publishes/" + p.eventId()).build();
        };
    }
}
