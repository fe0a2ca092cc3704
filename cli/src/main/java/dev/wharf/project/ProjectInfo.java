package dev.wharf.project;

/** {@code [project]} of {@code run.toml}: the name is the namespace packages are published under. */
public record ProjectInfo(String name, String version, String description, String license, String repository) {}
