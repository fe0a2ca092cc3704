package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A dependency in a version's metadata: a package name and a version requirement (Cargo syntax). */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DependencyRef(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("optional") boolean optional) {}
