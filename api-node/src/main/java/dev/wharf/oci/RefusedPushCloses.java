package dev.wharf.oci;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/**
 * A refused OCI write (401 before a monolithic blob is read, 413 part-way through one) reads
 * what is left of its body before answering, then closes the connection: a server that closes
 * with unread bytes resets it, and the client still sending loses the answer with the reset
 * (the same reason as the Run publish's RefusedUploadCloses). Bounded by twice the upload limit
 * and {@link #DRAIN_NANOS}; anything larger is cut off.
 */
final class RefusedPushCloses implements ContainerResponseFilter {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH");
    private static final long DRAIN_NANOS = 10_000_000_000L;

    private final long budget;

    RefusedPushCloses(long maxUploadBytes) {
        this.budget = 2 * maxUploadBytes;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() < 400 || !WRITES.contains(request.getMethod()) || !request.getUriInfo().getPath().startsWith("v2/")) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_NANOS;
        byte[] sink = new byte[64 * 1024];
        try {
            InputStream in = request.getEntityStream();
            for (long read = 0; read <= budget && System.nanoTime() < deadline; ) {
                int n = in.read(sink);
                if (n < 0) break;
                read += n;
            }
        } catch (IOException | IllegalStateException gone) {
            // The client went away, or the body was already consumed: nothing is left to drain.
        }
        response.getHeaders().putSingle("Connection", "close");
    }
}
