package dev.wharf.domain;

/** The registry's totals. */
public record RegistryStats(long packageCount, long versionCount, long downloadCount) {}
