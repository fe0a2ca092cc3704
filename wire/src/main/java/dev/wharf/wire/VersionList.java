package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/packages/{name}/versions}: the versions offered for resolution in semver
 * order (yanked ones left out, as crates.io's index does for new resolution). With
 * {@code ?include_yanked=true}: every version in {@code versions}, and the yanked subset in
 * {@code yanked}; without it {@code yanked} is absent, so the Run client's view is unchanged. A
 * registry that does not know the parameter answers without it too: nothing is yanked then.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionList(@JsonProperty("name") String name, @JsonProperty("versions") List<String> versions,
                          @JsonProperty("yanked") @JsonInclude(JsonInclude.Include.NON_NULL) List<String> yanked) {

    public VersionList(String name, List<String> versions) {
        this(name, versions, null);
    }

    public VersionList {
        versions = versions == null ? List.of() : List.copyOf(versions);
        yanked = yanked == null ? null : List.copyOf(yanked);
    }

    /** The yanked versions, empty when the answer named none. */
    public List<String> yankedVersions() {
        return yanked == null ? List.of() : yanked;
    }

    /** The versions offered for new resolution: all but the yanked ones. */
    public List<String> offered() {
        return versions.stream().filter(v -> !yankedVersions().contains(v)).toList();
    }
}
