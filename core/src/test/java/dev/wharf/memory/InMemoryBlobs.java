package dev.wharf.memory;

import dev.wharf.domain.Sha256;
import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A blob store in a map, for tests of the core and the edge; {@link #down()} makes every call fail as an unreachable store would. */
public final class InMemoryBlobs implements BlobStore {

    private final Map<Sha256, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<Sha256, Instant> written = new ConcurrentHashMap<>();
    private volatile boolean down;

    public InMemoryBlobs down() {
        down = true;
        return this;
    }

    public int count() {
        return blobs.size();
    }

    @Override
    public void put(Sha256 sha256, Path file, long size) throws IOException {
        if (down) throw new IOException("the blob store is down");
        blobs.put(sha256, Files.readAllBytes(file));
        written.put(sha256, Instant.now());
    }

    @Override
    public List<Stored> list() throws IOException {
        if (down) throw new IOException("the blob store is down");
        return written.entrySet().stream().map(e -> new Stored(e.getKey(), e.getValue())).toList();
    }

    @Override
    public Optional<Instant> written(Sha256 sha256) throws IOException {
        if (down) throw new IOException("the blob store is down");
        return Optional.ofNullable(written.get(sha256));
    }

    @Override
    public void delete(Sha256 sha256) throws IOException {
        if (down) throw new IOException("the blob store is down");
        blobs.remove(sha256);
        written.remove(sha256);
    }

    @Override
    public boolean exists(Sha256 sha256) throws IOException {
        if (down) throw new IOException("the blob store is down");
        return blobs.containsKey(sha256);
    }

    @Override
    public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
        if (down) throw new IOException("the blob store is down");
        byte[] bytes = blobs.get(sha256);
        if (bytes == null) throw new BlobNotFound(sha256);
        int from = (int) Math.min(offset, bytes.length);
        int to = length < 0 ? bytes.length : (int) Math.min(bytes.length, offset + length);
        return new ByteArrayInputStream(Arrays.copyOfRange(bytes, from, to));
    }

    @Override
    public void check() throws IOException {
        if (down) throw new IOException("the blob store is down");
    }
}
