package dev.wharf.client;

import dev.wharf.wire.DependencyRef;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code POST /api/v1/packages} carries: the fields Run sends (name, version, description,
 * sha256, the file as {@code component}) plus the optional ones the registry stores.
 */
public record PublishRequest(
        String name,
        String version,
        String description,
        String license,
        String repository,
        List<DependencyRef> dependencies,
        Path file,
        String sha256) {

    public PublishRequest {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }
}
