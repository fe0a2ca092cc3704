package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A dependency in publish metadata: a package name and a version requirement (Cargo syntax). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DependencySpec(
        @JsonProperty("name") String name,
        @JsonProperty("version") String version,
        @JsonProperty("optional") boolean optional) {}
