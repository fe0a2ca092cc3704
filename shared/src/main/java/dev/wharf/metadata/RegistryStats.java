package dev.wharf.metadata;

/** The registry's totals. */
public record RegistryStats(long packageCount, long versionCount, long downloadCount) {}
