package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/v1/packages/{name}/versions}: every version in semver order. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionList(@JsonProperty("name") String name, @JsonProperty("versions") List<String> versions) {

    public VersionList {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }
}
