package dev.wharf.registry;

import dev.wharf.domain.Sha256;
import java.nio.file.Path;
import java.util.Map;

/**
 * A publish request as received: its text fields, and the spooled file with the SHA-256 and
 * size measured while it streamed in.
 */
public record PublishForm(Map<String, String> fields, Path file, Sha256 measuredSha256, long size) {

    public String field(String name) {
        String value = fields.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
