package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One managed token in {@code GET /api/v1/admin/tokens}, without its secret. Times ISO-8601 UTC;
 * {@code expires_at}, {@code revoked_at} and {@code revoke_reason} are null when not set.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(@JsonProperty("id") String id, @JsonProperty("name") String name,
                        @JsonProperty("namespaces") List<String> namespaces, @JsonProperty("scopes") List<String> scopes,
                        @JsonProperty("created_at") String createdAt, @JsonProperty("expires_at") String expiresAt,
                        @JsonProperty("revoked_at") String revokedAt, @JsonProperty("revoke_reason") String revokeReason,
                        @JsonProperty("issued_by") String issuedBy) {}
