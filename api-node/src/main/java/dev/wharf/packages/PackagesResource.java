package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import dev.wharf.errors.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Package reads of the Run protocol. Names may contain {@code /} (sent as {@code %2F}), so the
 * path after {@code /api/v1/packages/} is split from the right: versions never contain a slash.
 */
@Path("/api/v1/packages/{path: .+}")
@Produces(MediaType.APPLICATION_JSON)
public final class PackagesResource {

    private final PackageReads reads;

    public PackagesResource(PackageReads reads) {
        this.reads = reads;
    }

    @GET
    public Object read(@PathParam("path") String path) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) throw ApiError.notFound("use /api/v1/packages/{name}/versions or /api/v1/packages/{name}/{version}");
        String name = path.substring(0, slash);
        String last = path.substring(slash + 1);
        if (last.equals("versions")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("versions", reads.versions(name));
            return body;
        }
        return reads.meta(name, last);
    }
}
