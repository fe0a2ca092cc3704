package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code POST /api/v1/admin/tokens}: {@code namespaces} may be {@code ["*"]}; {@code scopes} any
 * of {@code publish}, {@code yank}, {@code admin}; {@code expires_in_days} 1-3650, or absent for
 * a token that never expires.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenRequest(@JsonProperty("name") String name, @JsonProperty("namespaces") List<String> namespaces,
                           @JsonProperty("scopes") List<String> scopes,
                           @JsonProperty("expires_in_days") Integer expiresInDays) {}
