package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of search hits: the latest version of each matching package, and the total count. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchPage(@JsonProperty("packages") List<PackageMeta> packages, @JsonProperty("total") long total) {

    public SearchPage {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
