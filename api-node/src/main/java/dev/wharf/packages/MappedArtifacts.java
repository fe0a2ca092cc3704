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

/**
 * Component files of a local blob store as buffers Jetty writes to the socket in one go: large
 * ones mapped into memory and sent from the page cache, small ones read whole (the BEFORE
 * profile of issue #12 spent a fifth of a 1 MiB download copying through Jersey's output stream).
 * A blob never changes, so a mapping stays valid for as long as it is kept.
 */
final class MappedArtifacts {

    // A mapping's touched pages count toward the node's RSS (as shared file pages) until the
    // collector unmaps it, which for a mapping kept long enough to reach the old generation is
    // the next full collection. So only large files are mapped, and only 64 MiB of them are
    // kept; a component up to 1 MiB (most are tens of KB) is read into the heap per request,
    // one read of the page cache, and collected young.
    private static final long MAPPED_FROM = 1L << 20;
    private static final long KEPT_BYTES = 64L << 20;

    private final BlobStore blobs;
    private final Cache<Sha256, MappedByteBuffer> kept = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES)
            .weigher((Sha256 sha, MappedByteBuffer bytes) -> bytes.capacity())
            .build();

    MappedArtifacts(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** The blob's bytes, read-only, when it is a local file of exactly {@code size} bytes; empty otherwise. */
    Optional<ByteBuffer> bytes(Sha256 sha, long size) throws IOException {
        MappedByteBuffer mapped = kept.getIfPresent(sha);
        if (mapped != null) return Optional.of(mapped.asReadOnlyBuffer());
        if (size > Integer.MAX_VALUE) return Optional.empty(); // one buffer holds at most 2 GiB
        Optional<Path> file = blobs.localFile(sha);
        if (file.isEmpty()) return Optional.empty();
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
            if (channel.size() != size) return Optional.empty();
            if (size < MAPPED_FROM) {
                ByteBuffer bytes = ByteBuffer.allocate((int) size);
                while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                    // a regular file reads whole; the loop only guards a short read
                }
                if (bytes.hasRemaining()) return Optional.empty();
                return Optional.of(bytes.flip());
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        }
        kept.put(sha, mapped);
        return Optional.of(mapped.asReadOnlyBuffer());
    }
}
