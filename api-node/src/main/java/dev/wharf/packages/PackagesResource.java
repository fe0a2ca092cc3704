package dev.wharf.packages;

import dev.wharf.registry.PackageReads;

import dev.wharf.errors.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import dev.wharf.domain.VersionRecord;
import dev.wharf.wire.VersionList;

/**
 * Package reads of the Run protocol. Names may contain {@code /} (sent as {@code %2F}), so the
 * path after {@code /api/v1/packages/} is split from the right: versions never contain a slash.
 */
@Path("/api/v1/packages/{path: .+}")
@Produces(MediaType.APPLICATION_JSON)
public final class PackagesResource {

    private final PackageReads reads;
    private final MetadataAnswers answers;

    public PackagesResource(PackageReads reads, MetadataAnswers answers) {
        this.reads = reads;
        this.answers = answers;
    }

    @GET
    public Object read(@PathParam("path") String path, @jakarta.ws.rs.QueryParam("include_yanked") String includeYanked) {
        int slash = path.lastIndexOf('/');
        if (slash <= 0) throw ApiError.notFound("use /api/v1/packages/{name}/versions or /api/v1/packages/{name}/{version}");
        String name = path.substring(0, slash);
        String last = path.substring(slash + 1);
        if (last.equals("versions")) {
            if ("true".equalsIgnoreCase(includeYanked)) {
                java.util.List<VersionRecord> all = reads.versions(name);
                return new VersionList(name, all.stream().map(VersionRecord::version).toList(),
                        all.stream().filter(VersionRecord::yanked).map(VersionRecord::version).toList());
            }
            return Response.ok(answers.versions(name), MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(answers.meta(name, last), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
