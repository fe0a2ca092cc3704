package dev.wharf.edge;

import dev.wharf.errors.ApiError;
import dev.wharf.wire.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/**
 * The last word on an error answer that has no body: Jersey itself answers a few requests it
 * cannot read (duplicate Content-Type headers with an Accept of nothing but commas, fuzz finding
 * #4358) with a bare status. README promises a JSON error for every status, so such an answer
 * gets the catalogue's body for its status, as JSON whatever the request accepted.
 */
public final class EmptyErrorBodies implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || response.hasEntity()) return;
        ApiError.Code code = ApiError.Code.forStatus(response.getStatus());
        response.setEntity(new ErrorBody(code.code(), "the request could not be served as sent (" + response.getStatus() + ")"),
                null, MediaType.APPLICATION_JSON_TYPE);
        response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_TYPE);
    }
}
