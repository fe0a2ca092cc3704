package dev.wharf.domain;

import dev.wharf.domain.Dependency;
import java.util.List;

/**
 * One published version as the metadata projection holds it, with its yank (a yanked version
 * stays readable and downloadable) and its package's deprecation message (null: not deprecated).
 */
public record VersionRecord(
        String name,
        String version,
        String description,
        String license,
        String repository,
        String witUrl,
        List<Dependency> dependencies,
        List<String> targets,
        String sha256,
        long size,
        long publishedAt,
        String kind,
        List<String> imports,
        List<String> exports,
        String world,
        long downloads,
        boolean yanked,
        String yankReason,
        String deprecated) {}
