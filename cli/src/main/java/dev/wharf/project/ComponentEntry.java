package dev.wharf.project;

/**
 * One component the project builds and publishes: a {@code [[component]]} entry (Wharf's and
 * the design's form) or a {@code [components.NAME]} table (Run's own form).
 */
public record ComponentEntry(String name, String path, String source, String language, String wit, String build) {}
