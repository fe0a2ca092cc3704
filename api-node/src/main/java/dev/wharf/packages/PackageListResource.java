package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /packages}: every package name, sorted. */
@Path("/packages")
@Produces(MediaType.APPLICATION_JSON)
public final class PackageListResource {

    private final PackageReads reads;

    public PackageListResource(PackageReads reads) {
        this.reads = reads;
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("packages", reads.names());
    }
}
