package dev.wharf.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code GET /api/v1/admin/audit}: entries in log order and the cursor of the next page
 * ({@code null} at the end).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditPage(@JsonProperty("entries") List<Entry> entries, @JsonProperty("next") String next) {

    public AuditPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Who did it: the token's id and name (never its secret); {@code env:admin} for the bootstrap tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(@JsonProperty("token_id") String tokenId, @JsonProperty("token_name") String tokenName) {}

    /** One event of the log; {@code detail} is whatever the event carries beyond the common fields. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(
            @JsonProperty("at") String at,
            @JsonProperty("type") String type,
            @JsonProperty("actor") Actor actor,
            @JsonProperty("node") String node,
            @JsonProperty("package") String pkg,
            @JsonProperty("version") String version,
            @JsonProperty("detail") JsonNode detail) {}
}
