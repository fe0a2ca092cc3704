package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /packages}: every package name, sorted bytewise. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PackageList(@JsonProperty("packages") List<String> packages) {

    public PackageList {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
