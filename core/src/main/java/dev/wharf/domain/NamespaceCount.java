package dev.wharf.domain;

/** How many packages one namespace holds. */
public record NamespaceCount(String namespace, long packageCount) {}
