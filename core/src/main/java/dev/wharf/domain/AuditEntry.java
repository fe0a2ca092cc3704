package dev.wharf.domain;

/**
 * One change in the audit trail: when ({@code atMillis}, the appending node's clock), what
 * (the event's type), by whom (token id and name; null for events appended before actors were
 * recorded), through which node, on which package and version, and a sentence of detail.
 * {@code cursor} is its place in the trail, for {@code after=}.
 */
public record AuditEntry(String cursor, long atMillis, String type, String tokenId, String tokenName, String node,
                         String packageName, String version, String detail) {}
