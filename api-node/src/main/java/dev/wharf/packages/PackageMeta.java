package dev.wharf.packages;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.domain.Dependency;
import dev.wharf.events.PublishVersion;
import dev.wharf.metadata.VersionRecord;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One version as the Run client reads it. The field names are the contract; {@code kind},
 * {@code imports}, {@code exports}, {@code world} and {@code downloads} are extras that client
 * ignores.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PackageMeta(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("description") String description,
        @JsonProperty("license") String license,
        @JsonProperty("size") long size,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("download_url") String downloadUrl,
        @JsonProperty("wit_url") String witUrl,
        @JsonProperty("dependencies") List<Dependency> dependencies,
        @JsonProperty("targets") List<String> targets,
        @JsonProperty("repository") String repository,
        @JsonProperty("published_at") long publishedAt,
        @JsonProperty("kind") String kind,
        @JsonProperty("imports") List<String> imports,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("world") String world,
        @JsonProperty("downloads") long downloads) {

    public static final List<String> DEFAULT_TARGETS = List.of("wasm32-wasip2");

    public static PackageMeta of(VersionRecord v, String registryUrl) {
        return new PackageMeta(v.name(), v.version(), v.description(), v.license(), v.size(), v.sha256(),
                downloadUrl(registryUrl, v.name(), v.version()), v.witUrl(), v.dependencies(),
                v.targets().isEmpty() ? DEFAULT_TARGETS : v.targets(), v.repository(), v.publishedAt(),
                v.kind(), v.imports(), v.exports(), v.world(), v.downloads());
    }

    public static PackageMeta of(PublishVersion p, long downloads, String registryUrl) {
        return new PackageMeta(p.name(), p.version(), p.description() == null ? "" : p.description(), p.license(),
                p.size(), p.sha256(), downloadUrl(registryUrl, p.name(), p.version()), p.witUrl(), p.dependencies(),
                p.targets().isEmpty() ? DEFAULT_TARGETS : p.targets(), p.repository(), p.publishedAt(),
                p.wasm() == null ? null : p.wasm().kind(), p.wasm() == null ? List.of() : p.wasm().imports(),
                p.wasm() == null ? List.of() : p.wasm().exports(), p.wasm() == null ? null : p.wasm().world(), downloads);
    }

    /** Absolute, with the name as one path segment ({@code run%3Acalc%2Fcalculator}). */
    public static String downloadUrl(String registryUrl, String name, String version) {
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        return base + "/packages/" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "/"
                + URLEncoder.encode(version, StandardCharsets.UTF_8) + "/artifact.wasm";
    }
}
