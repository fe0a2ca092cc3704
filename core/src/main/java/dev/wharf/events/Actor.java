package dev.wharf.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who made a change: the token's id and name (never its secret), and the node that appended the
 * event. Bootstrap tokens from the environment are {@code env:admin} and {@code env:<namespace>}.
 * Events appended before actors were recorded carry none (null).
 */
public record Actor(
        @JsonProperty("token_id") String tokenId,
        @JsonProperty("token_name") String tokenName,
        @JsonProperty("node") String node) {}
