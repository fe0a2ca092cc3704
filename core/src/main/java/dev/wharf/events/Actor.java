package dev.wharf.events;

/**
 * Who made a change: the token's id and name (never its secret), and the node that appended the
 * event. Bootstrap tokens from the environment are {@code env:admin} and {@code env:<namespace>}.
 * Events appended before actors were recorded carry none (null).
 */
public record Actor(String tokenId, String tokenName, String node) {}
