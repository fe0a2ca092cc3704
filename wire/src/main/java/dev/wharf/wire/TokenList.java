package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/v1/admin/tokens}: every managed token, oldest first (bootstrap tokens are not listed). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenList(@JsonProperty("tokens") List<TokenInfo> tokens) {}
