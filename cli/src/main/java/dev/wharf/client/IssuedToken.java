package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /api/v1/admin/tokens} → 201: the only answer that ever carries the secret ({@code token}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedToken(
        @JsonProperty("id") String id,
        @JsonProperty("token") String token,
        @JsonProperty("name") String name,
        @JsonProperty("namespaces") List<String> namespaces,
        @JsonProperty("scopes") List<String> scopes,
        @JsonProperty("expires_at") String expiresAt,
        @JsonProperty("created_at") String createdAt) {

    public IssuedToken {
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
    }
}
