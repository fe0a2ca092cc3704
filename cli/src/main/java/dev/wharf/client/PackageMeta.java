package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One published version as the registry describes it ({@code GET /api/v1/packages/{name}/{version}}).
 * {@code yanked}, {@code yank_reason} and {@code deprecated} (the deprecation message) are Wharf's
 * (issue 10); a registry without them reads as not yanked, not deprecated.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackageMeta(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("description") String description,
        @JsonProperty("license") String license,
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("download_url") String downloadUrl,
        @JsonProperty("wit_url") String witUrl,
        @JsonProperty("dependencies") List<DependencySpec> dependencies,
        @JsonProperty("targets") List<String> targets,
        @JsonProperty("repository") String repository,
        @JsonProperty("published_at") long publishedAt,
        @JsonProperty("yanked") boolean yanked,
        @JsonProperty("yank_reason") String yankReason,
        @JsonProperty("deprecated") String deprecated) {

    public PackageMeta {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        // As Run: a package that names no targets is for wasm32-wasip2.
        targets = targets == null || targets.isEmpty() ? List.of("wasm32-wasip2") : List.copyOf(targets);
        description = description == null ? "" : description;
        if (deprecated != null && deprecated.isBlank()) deprecated = null;
    }
}
