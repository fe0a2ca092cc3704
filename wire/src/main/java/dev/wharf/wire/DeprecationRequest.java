package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v1/packages/{name}/deprecate}: the message users see, e.g. "use x:y instead" (required). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeprecationRequest(@JsonProperty("message") String message) {}
