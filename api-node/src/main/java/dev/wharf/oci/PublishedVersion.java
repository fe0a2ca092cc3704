package dev.wharf.oci;

import java.util.List;

/**
 * The part of a published version that the OCI view is built from: only what the log recorded
 * at publish time, so every node and every rebuild derives the same manifest from it.
 */
public record PublishedVersion(
        String name,
        String version,
        String description,
        String license,
        String repository,
        String sha256,
        long size,
        long publishedAt,
        String kind,
        List<String> imports,
        List<String> exports) {

    public PublishedVersion {
        imports = imports == null ? List.of() : List.copyOf(imports);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
