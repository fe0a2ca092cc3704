package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /api/v1/admin/audit}: entries in trail order, and {@code next}, the cursor to pass
 * as {@code after=} for the entries that follow (the last entry's; the given {@code after} when
 * there were none, so a client can poll with it).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditTrailPage(@JsonProperty("entries") List<Entry> entries, @JsonProperty("next") String next) {

    /** One change: {@code at} ISO-8601 UTC; {@code package}/{@code version} null for token events. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Entry(@JsonProperty("at") String at, @JsonProperty("type") String type,
                        @JsonProperty("actor") Actor actor, @JsonProperty("node") String node,
                        @JsonProperty("package") String packageName, @JsonProperty("version") String version,
                        @JsonProperty("detail") String detail) {}

    /** The token that made the change (null fields on events from before actors were recorded). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Actor(@JsonProperty("token_id") String tokenId, @JsonProperty("token_name") String tokenName) {}
}
