package dev.wharf.domain;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A dependency as the Run client writes it in publish metadata: a name and a version requirement. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Dependency(String name, String version, boolean optional) {}
