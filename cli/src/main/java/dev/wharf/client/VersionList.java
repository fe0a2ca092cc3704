package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/packages/{name}/versions?include_yanked=true}: every version, yanked ones
 * included, and the yanked subset (issue 10). A registry that does not know the parameter answers
 * without {@code yanked}: then nothing is yanked as far as the client can tell.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionList(
        @JsonProperty("name") String name,
        @JsonProperty("versions") List<String> versions,
        @JsonProperty("yanked") List<String> yanked) {

    public VersionList {
        versions = versions == null ? List.of() : List.copyOf(versions);
        yanked = yanked == null ? List.of() : List.copyOf(yanked);
    }

    /** The versions offered for new resolution: all but the yanked ones. */
    public List<String> offered() {
        return versions.stream().filter(v -> !yanked.contains(v)).toList();
    }
}
