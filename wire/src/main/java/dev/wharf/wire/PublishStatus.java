package dev.wharf.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A publish answered with 202, and {@code GET /api/v1/publishes/{event_id}}: {@code pending},
 * {@code accepted}, {@code conflict} or {@code rejected}; {@code message} says why for the last two.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PublishStatus(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("status") String status,
        @JsonProperty("status_url") String statusUrl,
        @JsonProperty("message") String message) {}
