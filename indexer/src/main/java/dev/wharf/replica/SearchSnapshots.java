package dev.wharf.replica;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.ports.SnapshotStore;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots of the search replica in the blob store, so that a new node needs to replay only
 * the tail of the log (issue 12: 100k versions took 36 s to replay; the target is full search
 * within 20 s at 1M versions).
 *
 * <p>Publishing: every {@code every} log records past the last snapshot, the replica commits
 * and holds that commit (its files cannot be merged away while they are copied), and a thread
 * of its own copies them into one archive, uploads it, then replaces the manifest. The tail
 * waits only for the commit. The two latest snapshots are kept; the one before is removed.
 *
 * <p>Bootstrap: a node whose index directory holds no index of this build's layout reads the
 * manifest, streams the archive into a temporary directory while hashing it, and only when
 * size and SHA-256 match moves the files into place, the commit point ({@code segments_N})
 * last: a failed or partial download never leaves a half index. The index then opens as if
 * the node had written it, its commit naming the offsets to resume from. Anything wrong
 * (no snapshot, another layout, a failed or corrupt download) costs one WARN line and the node
 * replays the whole log, as before.
 *
 * <p>Archive format, version 1: {@code writeUTF("wharf-search-snapshot/1")}, the file count as
 * an int, then per file its name (UTF) and length (long) and its bytes; the commit's
 * {@code segments_N} comes last. Lucene files are compressed already, so nothing more is.
 */
public final class SearchSnapshots implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchSnapshots.class);
    /** The manifest's name in the snapshot store: the one well-known key. */
    public static final String MANIFEST = "search/manifest.json";
    private static final String FORMAT = "wharf-search-snapshot/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long CHECK_EVERY_MILLIS = 1_000;

    private final SearchReplica replica;
    private final SnapshotStore store;
    private final long every;
    private final BooleanSupplier caughtUp;
    private final Path work;
    private final String node;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SearchSnapshot last;
    private volatile Throwable lastFailure;

    /**
     * @param every    log records between two snapshots
     * @param caughtUp whether the node has caught up with the log: a node replaying a long log
     *                 would otherwise upload ever larger snapshots all the way
     * @param work     a directory for the archive being built (as large as the index)
     */
    public SearchSnapshots(SearchReplica replica, SnapshotStore store, long every, BooleanSupplier caughtUp, Path work, String node) {
        if (every <= 0) throw new IllegalArgumentException("snapshots every " + every + " records");
        this.replica = replica;
        this.store = store;
        this.every = every;
        this.caughtUp = caughtUp;
        this.work = work;
        this.node = node;
        this.thread = new Thread(this::run, "search-snapshots");
        this.thread.setDaemon(true);
    }

    public SearchSnapshots start() {
        thread.start();
        return this;
    }

    /** The latest snapshot this node knows of (read at start, then its own); null before any. */
    public SearchSnapshot last() {
        return last;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    private void run() {
        // An archive left by a publish that a crash cut short is as large as the index.
        if (Files.isDirectory(work)) {
            try (Stream<Path> left = Files.list(work)) {
                for (Path f : left.toList()) Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("cannot clear {}: {}", work, e.toString());
            }
        }
        try {
            last = manifest(store).orElse(null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read the search snapshot manifest ({}); publishing a new one when due", e.toString());
        }
        while (running) {
            try {
                Thread.sleep(CHECK_EVERY_MILLIS);
                if (running && due()) publish();
                lastFailure = null;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) return;
                lastFailure = e;
                LOG.warn("publishing a search snapshot failed ({}); trying again in {} records", e.toString(), every);
                // Not again at once: wait for as many records as a success would have.
                SearchSnapshot failedAt = last;
                last = new SearchSnapshot(SearchReplica.layout(), replica.positions(), records(replica.positions()), 0, "",
                        "", failedAt == null ? null : failedAt.object(), failedAt == null ? null : failedAt.previous(), node);
            }
        }
    }

    private boolean due() {
        SearchSnapshot known = last;
        long covered = known == null || !SearchReplica.layout().equals(known.layout()) ? 0 : known.records();
        return records(replica.positions()) - covered >= every && caughtUp.getAsBoolean();
    }

    static long records(Map<Integer, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Snapshots the replica now and publishes it; what a node does every {@code every} records. */
    public SearchSnapshot publish() throws IOException {
        long start = System.nanoTime();
        SearchReplica.HeldCommit held = replica.holdCommit();
        Files.createDirectories(work);
        Path archive = work.resolve("search-" + UUID.randomUUID() + ".snapshot");
        try {
            MessageDigest sha = sha256();
            List<String> files = new ArrayList<>(held.files());
            // The commit point last: an unpacker that stops early has no commit to open.
            files.sort((a, b) -> Boolean.compare(a.startsWith("segments"), b.startsWith("segments")));
            try (OutputStream file = Files.newOutputStream(archive);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(file, sha), 1 << 20))) {
                out.writeUTF(FORMAT);
                out.writeInt(files.size());
                for (String name : files) {
                    Path source = held.dir().resolve(name);
                    out.writeUTF(name);
                    out.writeLong(Files.size(source));
                    Files.copy(source, out);
                }
            }
            long size = Files.size(archive);
            String hex = HexFormat.of().formatHex(sha.digest());
            String object = "search/" + SearchReplica.layout() + "/" + hex + ".snapshot";
            store.write(object, archive);
            SearchSnapshot before = last;
            SearchSnapshot published = new SearchSnapshot(SearchReplica.layout(), held.offsets(), records(held.offsets()), size, hex,
                    Instant.now().toString(), object, before == null ? null : before.object(), node);
            Path manifest = work.resolve("manifest-" + UUID.randomUUID() + ".json");
            try {
                JSON.writeValue(manifest.toFile(), published);
                store.write(MANIFEST, manifest);
            } finally {
                Files.deleteIfExists(manifest);
            }
            last = published;
            // Keep two: the new one and the one before it, for a node that read the old manifest.
            if (before != null && before.previous() != null && !before.previous().equals(object)) store.delete(before.previous());
            LOG.info("published search snapshot {} ({} bytes, {} files) covering offsets {} in {} ms", object, size, files.size(),
                    held.offsets(), (System.nanoTime() - start) / 1_000_000);
            return published;
        } finally {
            Files.deleteIfExists(archive);
            replica.release(held);
        }
    }

    /** The latest manifest in the store, if any. */
    public static Optional<SearchSnapshot> manifest(SnapshotStore store) throws IOException {
        Optional<InputStream> in = store.read(MANIFEST);
        if (in.isEmpty()) return Optional.empty();
        try (InputStream manifest = in.get()) {
            return Optional.of(JSON.readValue(manifest, SearchSnapshot.class));
        }
    }

    /** What a node's start found: a snapshot it now resumes from, or why it replays the log from where its index says. */
    public record Bootstrap(Optional<SearchSnapshot> snapshot, String outcome) {}

    /**
     * Fills an empty (or other-layout) {@code indexDir} from the latest snapshot, before the
     * replica opens it. Never throws for a missing or bad snapshot: the node then replays.
     */
    public static Bootstrap bootstrap(SnapshotStore store, Path indexDir) {
        long start = System.nanoTime();
        Optional<String> layout;
        try {
            layout = SearchReplica.committedLayout(indexDir);
        } catch (IOException | RuntimeException e) {
            layout = Optional.of("unreadable (" + e + ")");
        }
        if (layout.isPresent() && layout.get().equals(SearchReplica.layout())) {
            return new Bootstrap(Optional.empty(), "the index at " + indexDir + " is of this layout: resuming from its own commit");
        }
        Optional<SearchSnapshot> found;
        try {
            found = manifest(store);
        } catch (IOException | RuntimeException e) {
            return replay("cannot read the search snapshot manifest (" + e + ")");
        }
        if (found.isEmpty()) return replay("no search snapshot in the blob store");
        SearchSnapshot snapshot = found.get();
        if (!SearchReplica.layout().equals(snapshot.layout())) {
            return replay("the search snapshot is of layout " + snapshot.layout() + ", this build needs " + SearchReplica.layout());
        }
        Path unpacked = indexDir.toAbsolutePath().resolveSibling("." + indexDir.getFileName() + ".bootstrap-" + UUID.randomUUID());
        try {
            unpack(store, snapshot, unpacked);
            install(unpacked, indexDir);
        } catch (IOException | RuntimeException e) {
            return replay("the search snapshot " + snapshot.object() + " could not be used (" + e.getMessage() + ")");
        } finally {
            deleteTree(unpacked);
        }
        LOG.info("search replica bootstrapped from snapshot {} ({} bytes, created {} by {}) in {} ms: replaying the log only from offsets {}",
                snapshot.object(), snapshot.size(), snapshot.created(), snapshot.node(), (System.nanoTime() - start) / 1_000_000,
                snapshot.offsets());
        return new Bootstrap(Optional.of(snapshot), "bootstrapped from " + snapshot.object());
    }

    private static Bootstrap replay(String why) {
        LOG.warn("{}: replaying the whole log into the search replica", why);
        return new Bootstrap(Optional.empty(), why);
    }

    /** Streams the archive into {@code into}, hashing as it goes; throws unless every byte matches the manifest. */
    private static void unpack(SnapshotStore store, SearchSnapshot snapshot, Path into) throws IOException {
        Files.createDirectories(into);
        MessageDigest sha = sha256();
        long[] count = {0};
        try (InputStream raw = store.read(snapshot.object()).orElseThrow(() -> new IOException("the archive is missing"))) {
            InputStream counted = new java.io.FilterInputStream(new DigestInputStream(raw, sha)) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) count[0]++;
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) count[0] += n;
                    return n;
                }
            };
            DataInputStream in = new DataInputStream(new BufferedInputStream(counted, 1 << 20));
            if (!FORMAT.equals(in.readUTF())) throw new IOException("not a " + FORMAT + " archive");
            int files = in.readInt();
            byte[] buffer = new byte[1 << 16];
            if (files < 1 || files > 100_000) throw new IOException("an archive of " + files + " files");
            for (int i = 0; i < files; i++) {
                String name = in.readUTF();
                // Lucene's own file names only: nothing in an archive may write outside the directory.
                if (!name.matches("[A-Za-z0-9_.-]+") || name.startsWith(".")) throw new IOException("a file named " + name);
                long length = in.readLong();
                if (length < 0 || length > snapshot.size()) throw new IOException(name + " of " + length + " bytes");
                Path target = into.resolve(name);
                try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    for (long left = length; left > 0; ) {
                        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) throw new IOException(name + " is cut short");
                        java.nio.ByteBuffer chunk = java.nio.ByteBuffer.wrap(buffer, 0, n);
                        while (chunk.hasRemaining()) out.write(chunk);
                        left -= n;
                    }
                    // A crash right after start must not leave an index whose files never reached the disk.
                    out.force(true);
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
        }
        if (count[0] != snapshot.size()) throw new IOException("downloaded " + count[0] + " bytes, the manifest says " + snapshot.size());
        String hex = HexFormat.of().formatHex(sha.digest());
        if (!hex.equals(snapshot.sha256())) throw new IOException("SHA-256 " + hex + ", the manifest says " + snapshot.sha256());
        Optional<String> layout = SearchReplica.committedLayout(into);
        if (!layout.equals(Optional.of(SearchReplica.layout()))) throw new IOException("the archive holds an index of layout " + layout);
    }

    /**
     * Replaces what {@code indexDir} holds (nothing, or an index of another layout that would be
     * rebuilt anyway) with the unpacked index, its commit point last.
     */
    private static void install(Path unpacked, Path indexDir) throws IOException {
        Files.createDirectories(indexDir);
        try {
            clear(indexDir);
            List<Path> files;
            try (Stream<Path> listing = Files.list(unpacked)) {
                files = new ArrayList<>(listing.toList());
            }
            files.sort((a, b) -> Boolean.compare(a.getFileName().toString().startsWith("segments"),
                    b.getFileName().toString().startsWith("segments")));
            for (Path f : files) Files.move(f, indexDir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel dir = FileChannel.open(indexDir, StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException ignored) {
                // Not every filesystem lets a directory be fsynced.
            }
        } catch (IOException | RuntimeException e) {
            // Never a half index: without its files the replica starts empty and replays.
            clear(indexDir);
            throw e;
        }
    }

    private static void clear(Path indexDir) throws IOException {
        try (Stream<Path> listing = Files.list(indexDir)) {
            for (Path f : listing.toList()) if (Files.isRegularFile(f)) Files.delete(f);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
