package dev.wharf.oci;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Blob uploads of OCI pushes (distribution-spec "Pushing blobs"): sessions that receive one body
 * (monolithic) or several {@code PATCH} chunks, streamed to files in the spool directory while
 * they are hashed, never held in memory, cut off at {@code MAX_UPLOAD_MB}. A finished upload is
 * kept, under its repository and digest, until the manifest that names it is pushed.
 *
 * <p>Sessions and finished blobs live on the node that received them (an OCI client talks to
 * one host). Anything not touched for {@link #ttl} is deleted by a sweep, and the directory is
 * emptied on start, so abandoned pushes leave nothing behind.
 */
public final class BlobUploads implements Managed {

    /** A finished upload: its bytes in {@code file}, verified against its digest. */
    public record Blob(Path file, long size, Instant finishedAt) {}

    private static final class Session {
        final String repository;
        final Path file;
        final MessageDigest digest = Digest.newSha256();
        long size;
        volatile Instant touched;
        boolean busy;

        Session(String repository, Path file, Instant now) {
            this.repository = repository;
            this.file = file;
            this.touched = now;
        }
    }

    private record Key(String repository, Digest digest) {}

    private static final Pattern CHUNK_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)");

    private final Path directory;
    private final long maxBytes;
    private final Duration ttl;
    private final Clock clock;
    private final Map<UUID, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Key, Blob> blobs = new ConcurrentHashMap<>();
    private ScheduledExecutorService sweeper;

    public BlobUploads(Path directory, long maxBytes, Duration ttl, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
        this.ttl = ttl;
        this.clock = clock;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Opens a session for {@code repository}; its id goes into the {@code Location} the client uploads to. */
    public UUID open(String repository) {
        UUID id = UUID.randomUUID();
        Path file = directory.resolve("upload-" + id);
        try {
            Files.createFile(file);
        } catch (IOException e) {
            throw new OciError(OciError.Code.UNAVAILABLE, "the upload spool is unavailable; try again");
        }
        sessions.put(id, new Session(repository, file, clock.instant()));
        return id;
    }

    /** Bytes received so far. */
    public long offset(String repository, UUID id) {
        return session(repository, id).size;
    }

    /**
     * Appends one chunk. With {@code Content-Range: a-b} the chunk must start where the upload
     * ends (spec: otherwise 416); without it the body is appended as it streams.
     */
    public long append(String repository, UUID id, InputStream body, String contentRange) {
        Session s = session(repository, id);
        synchronized (s) {
            if (contentRange != null && !contentRange.isBlank()) {
                Matcher m = CHUNK_RANGE.matcher(contentRange.strip());
                if (!m.matches() || Long.parseLong(m.group(1)) != s.size) {
                    throw new OciError(OciError.Code.RANGE_INVALID, 416,
                            "this chunk must start at byte " + s.size + " of the upload, not '" + OciNames.printable(contentRange) + "'",
                            Map.of("offset", s.size));
                }
            }
            write(id, s, body);
            return s.size;
        }
    }

    /** Appends the last body (may be empty), checks the digest, and keeps the blob for its manifest. */
    public Blob finish(String repository, UUID id, InputStream body, Digest expected) {
        Session s = session(repository, id);
        synchronized (s) {
            write(id, s, body);
            Digest measured = new Digest(dev.wharf.domain.Sha256.of(s.digest.digest()));
            sessions.remove(id);
            if (!measured.equals(expected)) {
                deleteQuietly(s.file);
                throw new OciError(OciError.Code.DIGEST_INVALID, 400, "the upload hashes to " + measured + ", not " + expected,
                        Map.of("measured", measured.toString()));
            }
            Blob blob = new Blob(s.file, s.size, clock.instant());
            Blob kept = blobs.putIfAbsent(new Key(repository, expected), blob);
            if (kept != null) {
                deleteQuietly(s.file);
                return kept;
            }
            return blob;
        }
    }

    public void cancel(String repository, UUID id) {
        Session s = session(repository, id);
        sessions.remove(id);
        deleteQuietly(s.file);
    }

    /** A finished upload of {@code repository}, if it is still kept. */
    public Optional<Blob> blob(String repository, Digest digest) {
        return Optional.ofNullable(blobs.get(new Key(repository, digest)));
    }

    /** Drops the uploads a published manifest used: the blob store has the bytes now. */
    public void forget(String repository, Digest digest) {
        Blob b = blobs.remove(new Key(repository, digest));
        if (b != null) deleteQuietly(b.file());
    }

    /** Deletes every session not touched, and every blob not used, within {@link #ttl}. */
    public void sweep() {
        Instant cutoff = clock.instant().minus(ttl);
        sessions.forEach((id, s) -> {
            synchronized (s) {
                if (!s.busy && s.touched.isBefore(cutoff) && sessions.remove(id, s)) deleteQuietly(s.file);
            }
        });
        blobs.forEach((key, b) -> {
            if (b.finishedAt().isBefore(cutoff) && blobs.remove(key, b)) deleteQuietly(b.file());
        });
    }

    /** {@code length} bytes of a kept blob from {@code offset}. */
    public static InputStream open(Blob blob, long offset, long length) throws IOException {
        InputStream in = Files.newInputStream(blob.file());
        in.skipNBytes(offset);
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) return -1;
                int b = super.read();
                if (b >= 0) left--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left <= 0) return -1;
                int n = super.read(buffer, off, (int) Math.min(len, left));
                if (n > 0) left -= n;
                return n;
            }
        };
    }

    /** An empty file in the spool for bytes copied from the blob store; the caller deletes it. */
    public Path scratchFile() throws IOException {
        return Files.createTempFile(directory, "scratch-", ".wasm");
    }

    /** Files in the spool right now; a test's view of "nothing left behind". */
    public long filesInSpool() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    @Override
    public void start() throws IOException {
        // Sessions are in memory: whatever a previous run left in the directory can never finish.
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(BlobUploads::deleteQuietly);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "oci-upload-sweep");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toSeconds() / 12);
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (sweeper != null) sweeper.shutdownNow();
    }

    private Session session(String repository, UUID id) {
        Session s = id == null ? null : sessions.get(id);
        if (s == null || !s.repository.equals(repository)) {
            throw new OciError(OciError.Code.BLOB_UPLOAD_UNKNOWN, "no upload " + id + " in " + repository + " (uploads expire after "
                    + ttl.toMinutes() + " minutes)");
        }
        return s;
    }

    private void write(UUID id, Session s, InputStream body) {
        s.busy = true;
        s.touched = clock.instant();
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(s.file, StandardOpenOption.APPEND)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                if (s.size + n > maxBytes) {
                    sessions.remove(id);
                    deleteQuietly(s.file);
                    throw new OciError(OciError.Code.SIZE_INVALID, 413,
                            "upload is larger than the limit of " + (maxBytes / (1024 * 1024)) + " MB", null);
                }
                out.write(buffer, 0, n);
                s.digest.update(buffer, 0, n);
                s.size += n;
            }
        } catch (IOException e) {
            sessions.remove(id);
            deleteQuietly(s.file);
            throw new OciError(OciError.Code.BLOB_UPLOAD_INVALID, "the upload broke off: " + e.getMessage());
        } finally {
            s.busy = false;
            s.touched = clock.instant();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The next start empties the directory.
        }
    }
}
