package dev.wharf.metrics;

import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import dev.wharf.domain.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A blob store that counts its failures; a missing blob is an answer, not a failure of the store. */
final class MeteredBlobStore implements BlobStore {

    private final BlobStore blobs;
    private final RegistryMetrics metrics;

    MeteredBlobStore(BlobStore blobs, RegistryMetrics metrics) {
        this.blobs = blobs;
        this.metrics = metrics;
    }

    @Override
    public void put(Sha256 sha256, Path file, long size) throws IOException {
        try {
            blobs.put(sha256, file, size);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public boolean exists(Sha256 sha256) throws IOException {
        try {
            return blobs.exists(sha256);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
        try {
            return blobs.open(sha256, offset, length);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public Optional<URI> presignedDownload(Sha256 sha256, Duration validFor) throws IOException {
        try {
            return blobs.presignedDownload(sha256, validFor);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public Optional<Path> localFile(Sha256 sha256) {
        // A path lookup, not a read: the bytes are read by the kernel as the socket takes them.
        return blobs.localFile(sha256);
    }

    @Override
    public void check() throws IOException {
        try {
            blobs.check();
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public java.util.List<Stored> list() throws IOException {
        try {
            return blobs.list();
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public Optional<java.time.Instant> written(Sha256 sha256) throws IOException {
        try {
            return blobs.written(sha256);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    @Override
    public void delete(Sha256 sha256) throws IOException {
        try {
            blobs.delete(sha256);
        } catch (IOException e) {
            throw counted(e);
        }
    }

    private IOException counted(IOException e) {
        if (!(e instanceof BlobNotFound)) metrics.blobStoreError();
        return e;
    }
}
