package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import dev.wharf.wire.PackageList;

/** {@code GET /packages}: every package name, sorted. */
@Path("/packages")
@Produces(MediaType.APPLICATION_JSON)
public final class PackageListResource {

    private final PackageReads reads;

    public PackageListResource(PackageReads reads) {
        this.reads = reads;
    }

    @GET
    public PackageList list() {
        return new PackageList(reads.names());
    }
}
