package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/stats}: the four numbers of the Run protocol, then extras its client
 * ignores: the most downloaded packages, the newest versions and the biggest namespaces.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistryStatistics(
        @JsonProperty("package_count") long packageCount,
        @JsonProperty("version_count") long versionCount,
        @JsonProperty("download_count") long downloadCount,
        @JsonProperty("uptime_percent") double uptimePercent,
        @JsonProperty("top_packages") List<TopPackage> topPackages,
        @JsonProperty("newest_versions") List<NewVersion> newestVersions,
        @JsonProperty("namespaces") List<NamespaceSize> namespaces) {

    public record TopPackage(@JsonProperty("name") String name, @JsonProperty("version") String version,
                             @JsonProperty("description") String description, @JsonProperty("downloads") long downloads) {}

    public record NewVersion(@JsonProperty("name") String name, @JsonProperty("version") String version,
                             @JsonProperty("description") String description, @JsonProperty("published_at") long publishedAt) {}

    public record NamespaceSize(@JsonProperty("namespace") String namespace, @JsonProperty("package_count") long packageCount) {}
}
