package dev.wharf.ports;

import dev.wharf.domain.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Component bytes, content-addressed by SHA-256. A blob is written whole or not at all, and
 * never changes once written, so any node may serve it and caches may keep it forever.
 */
public interface BlobStore {

    /** Stores the file's bytes under {@code sha256}. Idempotent: the same key always means the same bytes. */
    void put(Sha256 sha256, Path file, long size) throws IOException;

    boolean exists(Sha256 sha256) throws IOException;

    /** The bytes from {@code offset}, {@code length} of them ({@code -1}: to the end). */
    InputStream open(Sha256 sha256, long offset, long length) throws IOException;

    /** A URL a client may download from directly, valid for the store's configured time, when the store offers one. */
    default Optional<URI> presignedDownload(Sha256 sha256) throws IOException {
        return Optional.empty();
    }

    /** As {@link #presignedDownload(Sha256)}, valid for {@code validFor} instead. */
    default Optional<URI> presignedDownload(Sha256 sha256, Duration validFor) throws IOException {
        return Optional.empty();
    }

    /**
     * The file holding the blob, when this store keeps blobs as local files (the file store), so
     * the node can hand the file's pages to the socket instead of copying them through a stream.
     * Empty for remote stores and for a blob that is not stored.
     */
    default Optional<Path> localFile(Sha256 sha256) {
        return Optional.empty();
    }

    /** Throws when the store cannot serve; used by health checks. */
    void check() throws IOException;

    // For blob garbage collection (dev.wharf.gc), issue 13.

    /** A stored blob and when it was last written (a put of bytes already stored counts as a write). */
    record Stored(Sha256 sha256, java.time.Instant written) {}

    /** Every blob in the store, in no particular order. */
    java.util.List<Stored> list() throws IOException;

    /** When the blob was last written; empty when it is not stored. */
    Optional<java.time.Instant> written(Sha256 sha256) throws IOException;

    /** Removes the blob; removing a missing blob is not an error. */
    void delete(Sha256 sha256) throws IOException;
}
