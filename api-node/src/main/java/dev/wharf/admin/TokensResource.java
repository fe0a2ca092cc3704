package dev.wharf.admin;

import dev.wharf.governance.ManagedToken;
import dev.wharf.governance.Principal;
import dev.wharf.governance.TokenService;
import dev.wharf.registry.PublishTokens;
import dev.wharf.wire.IssuedToken;
import dev.wharf.wire.TokenInfo;
import dev.wharf.wire.TokenList;
import dev.wharf.wire.TokenRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Managed tokens: {@code /api/v1/admin/tokens}, for the admin token or a token with the admin scope. */
@Path("/api/v1/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
public final class TokensResource {

    private final PublishTokens tokens;
    private final TokenService service;

    public TokensResource(PublishTokens tokens, TokenService service) {
        this.tokens = tokens;
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, TokenRequest request)
            throws InterruptedException {
        Principal by = tokens.authenticate(authorization);
        if (request == null) throw new dev.wharf.domain.InvalidInput("send a JSON body: {\"name\", \"namespaces\", \"scopes\", \"expires_in_days\"}");
        TokenService.Issued issued = service.issue(by, request.name(), request.namespaces(), request.scopes(), request.expiresInDays());
        ManagedToken t = issued.token();
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store")
                .entity(new IssuedToken(t.id(), issued.secret(), t.name(), t.namespaces(), t.scopes(),
                        seconds(t.expiresAt()), millis(t.createdAtMillis())))
                .build();
    }

    @GET
    public TokenList list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return new TokenList(service.list(tokens.authenticate(authorization)).stream().map(TokensResource::info).toList());
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
                           @QueryParam("reason") String reason) throws InterruptedException {
        service.revoke(tokens.authenticate(authorization), id, reason);
        return Response.noContent().build();
    }

    static TokenInfo info(ManagedToken t) {
        return new TokenInfo(t.id(), t.name(), t.namespaces(), t.scopes(), millis(t.createdAtMillis()), seconds(t.expiresAt()),
                t.revokedAtMillis() == null ? null : millis(t.revokedAtMillis()), t.revokeReason(), t.issuedBy());
    }

    private static String seconds(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds).toString();
    }

    private static String millis(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString();
    }
}
