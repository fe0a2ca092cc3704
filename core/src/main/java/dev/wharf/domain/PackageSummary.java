package dev.wharf.domain;

/** A package as lists show it: its newest version and totals. */
public record PackageSummary(String name, String latestVersion, String description, int versionCount,
                             long downloads, long updatedAt) {}
