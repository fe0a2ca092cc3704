package dev.wharf.stats;

import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.RegistryStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/stats}: the four numbers the Run protocol defines. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    private final MetadataStore metadata;
    private final Uptime uptime;

    public StatsResource(MetadataStore metadata, Uptime uptime) {
        this.metadata = metadata;
        this.uptime = uptime;
    }

    @GET
    public Map<String, Object> stats() {
        RegistryStats stats = metadata.stats();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("package_count", stats.packageCount());
        body.put("version_count", stats.versionCount());
        body.put("download_count", stats.downloadCount());
        body.put("uptime_percent", uptime.percent());
        return body;
    }
}
