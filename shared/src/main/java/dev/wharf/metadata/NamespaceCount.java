package dev.wharf.metadata;

/** How many packages one namespace holds. */
public record NamespaceCount(String namespace, long packageCount) {}
