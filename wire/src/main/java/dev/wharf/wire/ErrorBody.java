package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Every error answer: {@code {"error": "conflict", "message": "alice:calc@1.0.0 already exists"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(@JsonProperty("error") String error, @JsonProperty("message") String message) {}
