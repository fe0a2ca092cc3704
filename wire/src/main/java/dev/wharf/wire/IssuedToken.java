package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The 201 answer to {@code POST /api/v1/admin/tokens}: the only place the secret {@code token}
 * ever appears. Times are ISO-8601 UTC; {@code expires_at} is null for a token that never expires.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IssuedToken(@JsonProperty("id") String id, @JsonProperty("token") String token,
                          @JsonProperty("name") String name, @JsonProperty("namespaces") List<String> namespaces,
                          @JsonProperty("scopes") List<String> scopes, @JsonProperty("expires_at") String expiresAt,
                          @JsonProperty("created_at") String createdAt) {

    @Override
    public String toString() {
        // Never print the secret, whoever logs this record.
        return "IssuedToken[id=" + id + ", name=" + name + "]";
    }
}
