package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One token in {@code GET /api/v1/admin/tokens}: never its secret. {@code revokedAt} is null while it is live. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(
        @JsonProperty("id") String id,
        @JsonProperty("name") String name,
        @JsonProperty("namespaces") List<String> namespaces,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("revoked_at") String revokedAt) {

    public TokenInfo {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
