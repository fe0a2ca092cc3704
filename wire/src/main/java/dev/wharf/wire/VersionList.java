package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/packages/{name}/versions}: the versions offered for new resolution, in semver
 * order (what Run resolves against). With {@code ?include_yanked=true} every version, and the
 * yanked subset in {@code yanked}; the field is left out when empty, and absent reads as empty.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionList(
        @JsonProperty("name") String name,
        @JsonProperty("versions") List<String> versions,
        @JsonProperty("yanked") @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> yanked) {

    public VersionList {
        versions = versions == null ? List.of() : List.copyOf(versions);
        yanked = yanked == null ? List.of() : List.copyOf(yanked);
    }

    /** The Run protocol's answer: the offered versions only. */
    public VersionList(String name, List<String> versions) {
        this(name, versions, List.of());
    }

    /** The versions offered for new resolution: all but the yanked ones. */
    public List<String> offered() {
        return versions.stream().filter(v -> !yanked.contains(v)).toList();
    }
}
