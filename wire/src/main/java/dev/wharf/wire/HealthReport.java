package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** {@code GET /health} when the node cannot serve: the error body plus each failing check and why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthReport(@JsonProperty("error") String error, @JsonProperty("message") String message,
                           @JsonProperty("failing") Map<String, String> failing) {}
