package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /api/v1/packages/{name}/{version}/yank}: why (optional, up to 1024 characters). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record YankRequest(@JsonProperty("reason") String reason) {}
