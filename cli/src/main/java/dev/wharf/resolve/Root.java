package dev.wharf.resolve;

/** A requirement the project states itself, and where it stated it (for conflict messages). */
public record Root(String name, Requirement requirement, String origin) {}
