package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/v1/search}: one page of hits (the latest version of each package) and the total. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResults(@JsonProperty("packages") List<PackageMeta> packages, @JsonProperty("total") long total) {

    public SearchResults {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
