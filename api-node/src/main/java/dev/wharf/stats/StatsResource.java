package dev.wharf.stats;

import dev.wharf.metadata.MetadataStore;
import dev.wharf.domain.RegistryStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/stats}: the four numbers the Run protocol defines, then extras that
 * client ignores: {@code top_packages}, {@code newest_versions} and {@code namespaces}.
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {

    private final RegistryHighlights highlights;
    private final Uptime uptime;

    public StatsResource(MetadataStore metadata, Uptime uptime) {
        this(new RegistryHighlights(metadata, Duration.ofSeconds(2)), uptime);
    }

    public StatsResource(RegistryHighlights highlights, Uptime uptime) {
        this.highlights = highlights;
        this.uptime = uptime;
    }

    @GET
    public Map<String, Object> stats() {
        RegistryStats stats = highlights.totals();
        RegistryHighlights.Lists lists = highlights.lists();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("package_count", stats.packageCount());
        body.put("version_count", stats.versionCount());
        body.put("download_count", stats.downloadCount());
        body.put("uptime_percent", uptime.percent());
        body.put("top_packages", lists.topPackages().stream().map(p -> entry(
                "name", p.name(), "version", p.latestVersion(), "description", p.description(),
                "downloads", p.downloads())).toList());
        body.put("newest_versions", lists.newestVersions().stream().map(v -> entry(
                "name", v.name(), "version", v.version(), "description", v.description(),
                "published_at", v.publishedAt())).toList());
        body.put("namespaces", lists.namespaces().stream().map(n -> entry(
                "namespace", n.namespace(), "package_count", n.packageCount())).toList());
        return body;
    }

    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return out;
    }
}
