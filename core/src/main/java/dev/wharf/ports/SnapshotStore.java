package dev.wharf.ports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Files kept by name beside the blobs, for snapshots of a node's search index (issue 12). They
 * live outside the content-addressed blob space on purpose: blob GC lists blobs only, so a
 * snapshot no version references is never collected as an orphan; its publisher removes it.
 *
 * <p>Names are relative paths of lower-case letters, digits, {@code . _ -} and {@code /}.
 */
public interface SnapshotStore {

    /** Stores the file under {@code name}, replacing what was there; readers see the old or the new file whole, never a part. */
    void write(String name, Path file) throws IOException;

    /** The file's bytes; empty when nothing is stored under {@code name}. */
    Optional<InputStream> read(String name) throws IOException;

    /** Removes the file; removing a missing one is not an error. */
    void delete(String name) throws IOException;

    /** Refuses names that could leave the store's own space (and so reach blobs, or other files). */
    static String checkName(String name) {
        if (name == null || !name.matches("[a-z0-9._-]+(/[a-z0-9._-]+)*") || name.contains("..")) {
            throw new IllegalArgumentException("not a snapshot name: " + name);
        }
        return name;
    }
}
