package dev.wharf.publish;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * A refused publish reads what is left of its upload, then ends its connection. The refusal may
 * come before the body is read (401, 429, a declared length over the limit) or part-way through
 * it (413, a malformed form); the client is usually still sending. Closing a connection with
 * unread bytes resets it, and the reset takes the answer with it, so the rest is read (within
 * {@link UploadSpool#discardRest}'s bounds) before the answer goes out. {@code Connection: close}
 * keeps a client from sending its next request down a connection that is about to go.
 */
public final class RefusedUploadCloses implements ContainerResponseFilter {

    private final UploadSpool spool;

    public RefusedUploadCloses(UploadSpool spool) {
        this.spool = spool;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && HttpMethod.POST.equals(request.getMethod())
                && "api/v1/packages".equals(request.getUriInfo().getPath())) {
            spool.discardRest(request.getEntityStream(), declaredLength(request));
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    private static long declaredLength(ContainerRequestContext request) {
        try {
            return Long.parseLong(request.getHeaderString(HttpHeaders.CONTENT_LENGTH).strip());
        } catch (NullPointerException | NumberFormatException chunkedOrMissing) {
            return -1;
        }
    }
}
