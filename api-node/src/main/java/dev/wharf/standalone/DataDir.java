package dev.wharf.standalone;

import java.nio.file.Path;

/**
 * The one owner of {@code DATA_DIR}'s layout: where a standalone node keeps each of its parts.
 * Everything that reads or writes under the data directory (the node, {@code rebuild}, backups,
 * tests) asks here instead of joining path names of its own.
 */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public static DataDir at(String path) {
        return new DataDir(Path.of(path));
    }

    /** The embedded Kafka broker's log: the registry's source of truth. */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** Component bytes, content-addressed ({@code ab/abcdef…}). */
    public Path blobs() {
        return root.resolve("blobs");
    }

    /** The SQLite file of the metadata projection. */
    public Path metadataDatabase() {
        return root.resolve("metadata.db");
    }

    public String metadataJdbcUrl() {
        return "jdbc:sqlite:" + metadataDatabase();
    }

    /** This node's Lucene search replica (a cache of the log, deletable at any time). */
    public Path search() {
        return root.resolve("search");
    }

    /** Uploads being received; nothing in it outlives its request. */
    public Path spool() {
        return root.resolve("spool");
    }

    /** OCI upload sessions being received (blob uploads before their manifest); swept when they expire. */
    public Path ociUploads() {
        return root.resolve("oci-uploads");
    }

    /** The lock that keeps a second process off this directory. */
    public Path lockFile() {
        return root.resolve("wharf.lock");
    }
}
