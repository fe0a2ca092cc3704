package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One version as the Run client reads it ({@code GET /api/v1/packages/{name}/{version}}, and
 * each hit of a search). The field names are the contract; {@code kind}, {@code imports},
 * {@code exports}, {@code world} and {@code downloads} are extras that Run's client ignores, as are
 * {@code yanked} (still downloadable, no longer offered for new resolution), {@code yank_reason}
 * and {@code deprecated} (the package's deprecation message, or null).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
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
        @JsonProperty("dependencies") List<DependencyRef> dependencies,
        @JsonProperty("targets") List<String> targets,
        @JsonProperty("repository") String repository,
        @JsonProperty("published_at") long publishedAt,
        @JsonProperty("kind") String kind,
        @JsonProperty("imports") List<String> imports,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("world") String world,
        @JsonProperty("downloads") long downloads,
        @JsonProperty("yanked") boolean yanked,
        @JsonProperty("yank_reason") String yankReason,
        @JsonProperty("deprecated") String deprecated) {

    /** A version that is not yanked, of a package that is not deprecated. */
    public PackageMeta(String name, String version, String description, String license, long size, String sha256,
                       String downloadUrl, String witUrl, List<DependencyRef> dependencies, List<String> targets,
                       String repository, long publishedAt, String kind, List<String> imports, List<String> exports,
                       String world, long downloads) {
        this(name, version, description, license, size, sha256, downloadUrl, witUrl, dependencies, targets, repository,
                publishedAt, kind, imports, exports, world, downloads, false, null, null);
    }

    /** What Run assumes of a package that names no targets. */
    public static final List<String> DEFAULT_TARGETS = List.of("wasm32-wasip2");

    public PackageMeta {
        description = description == null ? "" : description;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        targets = targets == null || targets.isEmpty() ? DEFAULT_TARGETS : List.copyOf(targets);
        imports = imports == null ? List.of() : List.copyOf(imports);
        exports = exports == null ? List.of() : List.copyOf(exports);
        if (deprecated != null && deprecated.isBlank()) deprecated = null;
    }
}
