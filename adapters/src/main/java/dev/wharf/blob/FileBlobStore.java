package dev.wharf.blob;

import dev.wharf.ports.BlobNotFound;
import dev.wharf.ports.BlobStore;
import dev.wharf.ports.SnapshotStore;

import dev.wharf.domain.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Blobs as files under one directory ({@code ab/abcdef…}), for standalone mode. Writes go to
 * a temporary file that is fsynced and then atomically renamed, so a crash never leaves a
 * partial blob under a real key.
 *
 * <p>Search snapshots ({@link SnapshotStore}) live under {@code snapshots/}, which no blob
 * listing reads (blobs are under two-hex-digit folders only).
 */
public final class FileBlobStore implements BlobStore, SnapshotStore {

    private final Path root;
    private final Path incoming;

    public FileBlobStore(Path root) throws IOException {
        this.root = root;
        this.incoming = root.resolve("incoming");
        Files.createDirectories(incoming);
    }

    private Path pathOf(Sha256 sha256) {
        // The key is 64 validated hex digits, never a client-supplied name.
        return root.resolve(sha256.hex().substring(0, 2)).resolve(sha256.hex());
    }

    @Override
    public void put(Sha256 sha256, Path file, long size) throws IOException {
        Path target = pathOf(sha256);
        if (Files.exists(target) && Files.size(target) == size) {
            // Written again as far as blob GC is concerned: a new publish now relies on it.
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
            return;
        }
        writeDurably(file, target);
    }

    /**
     * Copies {@code file} to {@code target} so that a crash leaves either the old target or the
     * whole new one: a temporary file, fsynced, renamed over the target, then the directory
     * fsynced so the rename itself survives a power cut.
     */
    private void writeDurably(Path file, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = incoming.resolve(UUID.randomUUID() + ".part");
        try {
            Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel dir = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Not every filesystem lets a directory be fsynced; the rename is still atomic.
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public java.util.Optional<Path> localFile(Sha256 sha256) {
        Path file = pathOf(sha256);
        return Files.isRegularFile(file) ? java.util.Optional.of(file) : java.util.Optional.empty();
    }

    @Override
    public boolean exists(Sha256 sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public InputStream open(Sha256 sha256, long offset, long length) throws IOException {
        try {
            FileChannel channel = FileChannel.open(pathOf(sha256), StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = java.nio.channels.Channels.newInputStream(channel);
            return length < 0 ? in : new BoundedInputStream(in, length);
        } catch (NoSuchFileException e) {
            throw new BlobNotFound(sha256);
        }
    }

    @Override
    public java.util.List<Stored> list() throws IOException {
        java.util.List<Stored> stored = new java.util.ArrayList<>();
        try (var shards = Files.newDirectoryStream(root, p -> p.getFileName().toString().matches("[0-9a-f]{2}"))) {
            for (Path shard : shards) {
                try (var files = Files.newDirectoryStream(shard, p -> p.getFileName().toString().matches("[0-9a-f]{64}"))) {
                    for (Path f : files) {
                        try {
                            stored.add(new Stored(new Sha256(f.getFileName().toString()), Files.getLastModifiedTime(f).toInstant()));
                        } catch (NoSuchFileException gone) {
                            // removed while listing
                        }
                    }
                }
            }
        }
        return stored;
    }

    @Override
    public java.util.Optional<java.time.Instant> written(Sha256 sha256) throws IOException {
        try {
            return java.util.Optional.of(Files.getLastModifiedTime(pathOf(sha256)).toInstant());
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void delete(Sha256 sha256) throws IOException {
        Files.deleteIfExists(pathOf(sha256));
    }

    private Path snapshotPath(String name) {
        return root.resolve("snapshots").resolve(SnapshotStore.checkName(name));
    }

    @Override
    public void write(String name, Path file) throws IOException {
        Path target = snapshotPath(name);
        writeDurably(file, target);
    }

    @Override
    public java.util.Optional<InputStream> read(String name) throws IOException {
        try {
            return java.util.Optional.of(Files.newInputStream(snapshotPath(name)));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(snapshotPath(name));
    }

    @Override
    public void check() throws IOException {
        if (!Files.isDirectory(root) || !Files.isWritable(root)) {
            throw new IOException("blob directory " + root + " is not a writable directory");
        }
    }
}
