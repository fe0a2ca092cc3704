package dev.wharf.packages;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.domain.Sha256;
import dev.wharf.ports.BlobStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * Component files of a local blob store as buffers Jetty writes to the socket in one go: large
 * ones mapped into memory and sent from the page cache, small ones read whole into a pooled
 * direct buffer (the BEFORE profile of issue #12 spent a fifth of a 1 MiB download copying
 * through Jersey's output stream). A blob never changes, so a mapping stays valid for as long as
 * it is kept, and so does where its file is.
 */
final class MappedArtifacts {

    // A mapping's touched pages count toward the node's RSS (as shared file pages) until the
    // collector unmaps it, which for a mapping kept long enough to reach the old generation is
    // the next full collection. So only large files are mapped, and only 64 MiB of them are
    // kept; a component up to 1 MiB (most are tens of KB) is one read of the page cache per
    // request into a buffer of Jetty's pool, given back once the socket took it: a heap array
    // per request was allocated, zeroed, read into and copied again by NIO into a direct buffer
    // for the socket (a quarter of a 50 KB download's CPU, issue #12).
    private static final long MAPPED_FROM = 1L << 20;
    private static final long KEPT_BYTES = 64L << 20;
    // Jetty's ArrayByteBufferPool pools buffers up to 64 KiB (16 × its 4 KiB factor) and hands
    // out a new, unpooled one above that: a direct buffer per request would be freed only by
    // the collector, so a component between 64 KiB and 1 MiB is read into the heap instead.
    private static final int POOLED_UP_TO = 64 * 1024;

    private final BlobStore blobs;
    private final Cache<Sha256, MappedByteBuffer> kept = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES)
            .weigher((Sha256 sha, MappedByteBuffer bytes) -> bytes.capacity())
            .build();

    /** A component's bytes ready for the socket, and what gives them back once written. */
    record Body(ByteBuffer bytes, Runnable written) {}

    MappedArtifacts(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Where the blob is, when it is a local file; asked once per version (a stat of the file). */
    Optional<Path> fileOf(Sha256 sha) {
        return blobs.localFile(sha);
    }

    /**
     * The bytes of {@code file}, read-only, when it holds exactly {@code size} bytes; empty
     * otherwise. The caller runs {@link Body#written} once the bytes are sent or abandoned.
     */
    Optional<Body> body(Sha256 sha, Path file, long size, ByteBufferPool pool) throws IOException {
        MappedByteBuffer mapped = kept.getIfPresent(sha);
        if (mapped != null) return Optional.of(new Body(mapped.asReadOnlyBuffer(), () -> { }));
        if (size > Integer.MAX_VALUE) return Optional.empty(); // one buffer holds at most 2 GiB
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != size) return Optional.empty();
            if (size < MAPPED_FROM) return readWhole(channel, (int) size, pool);
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        kept.put(sha, mapped);
        return Optional.of(new Body(mapped.asReadOnlyBuffer(), () -> { }));
    }

    private static Optional<Body> readWhole(FileChannel channel, int size, ByteBufferPool pool) throws IOException {
        if (size > POOLED_UP_TO) {
            ByteBuffer bytes = ByteBuffer.allocate(size);
            return fill(channel, bytes) ? Optional.of(new Body(bytes.flip(), () -> { })) : Optional.empty();
        }
        RetainableByteBuffer pooled = pool.acquire(size, true);
        boolean handedOver = false;
        try {
            ByteBuffer bytes = pooled.getByteBuffer();
            bytes.clear().limit(size);
            if (!fill(channel, bytes)) return Optional.empty();
            bytes.flip();
            handedOver = true;
            AtomicBoolean givenBack = new AtomicBoolean();
            return Optional.of(new Body(bytes, () -> {
                if (givenBack.compareAndSet(false, true)) pooled.release();
            }));
        } finally {
            if (!handedOver) pooled.release();
        }
    }

    /** Reads until {@code bytes} is full; false when the file ended first. */
    private static boolean fill(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
            // a regular file reads whole; the loop only guards a short read
        }
        return !bytes.hasRemaining();
    }
}
