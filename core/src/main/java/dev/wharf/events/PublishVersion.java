package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.domain.Dependency;
import dev.wharf.inspect.WasmSummary;
import java.util.List;
import java.util.UUID;

/**
 * A request to add one version of a package, already validated and with its bytes already in
 * the blob store. Whether it wins is decided by log order: the first event for a
 * (package, version) is accepted, later ones are conflicts. {@code actor} and {@code at} (epoch
 * milliseconds) are null on events appended before they were recorded.
 */
public record PublishVersion(
        @JsonProperty("event_id") UUID eventId,
        @JsonProperty("published_at") long publishedAt,
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("description") String description,
        @JsonProperty("license") String license,
        @JsonProperty("repository") String repository,
        @JsonProperty("wit_url") String witUrl,
        @JsonProperty("dependencies") List<Dependency> dependencies,
        @JsonProperty("targets") List<String> targets,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size") long size,
        @JsonProperty("wasm") WasmSummary wasm,
        @JsonProperty("publisher") String publisher,
        @JsonProperty("actor") @JsonInclude(JsonInclude.Include.NON_NULL) Actor actor,
        @JsonProperty("at") @JsonInclude(JsonInclude.Include.NON_NULL) Long at) implements RegistryEvent {

    /** Wire name and schema version: written on the log forever, never derived from the class (docs/events.md). */
    public static final String TYPE = "PublishVersion";
    public static final int SCHEMA = 1;

    /** A publish without an actor, as events appended before actors were recorded read back. */
    public PublishVersion(UUID eventId, long publishedAt, String name, String version, String description, String license,
                          String repository, String witUrl, List<Dependency> dependencies, List<String> targets,
                          String sha256, long size, WasmSummary wasm, String publisher) {
        this(eventId, publishedAt, name, version, description, license, repository, witUrl, dependencies, targets,
                sha256, size, wasm, publisher, null, null);
    }

    /**
     * This publish, made by {@code actor} at {@code atMillis} (epoch milliseconds: the audit
     * trail orders by it; {@code publishedAt} is whole seconds).
     */
    public PublishVersion by(Actor actor, long atMillis) {
        return new PublishVersion(eventId, publishedAt, name, version, description, license, repository, witUrl,
                dependencies, targets, sha256, size, wasm, publisher, actor, atMillis);
    }

    public PublishVersion {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    @Override
    public String packageName() {
        return name;
    }
}
