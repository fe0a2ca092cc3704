package dev.wharf.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A dependency as the Run client writes it in publish metadata: a name and a version requirement. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Dependency(
        // Pinned: this record is also the body of PublishVersion.dependencies on the log (docs/events.md).
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("optional") boolean optional) {}
