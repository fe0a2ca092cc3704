package dev.wharf.publish;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/**
 * A refused publish ends its connection. The refusal may come before the body is read (401) or
 * part-way through it (413, a malformed form); the server then cannot tell where the next
 * request on that connection would start and drops it after answering. Saying
 * {@code Connection: close} in the answer keeps a client from sending its next request down a
 * connection that is about to go (it would see no answer at all).
 */
public final class RefusedUploadCloses implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && HttpMethod.POST.equals(request.getMethod())
                && "api/v1/packages".equals(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }
}
