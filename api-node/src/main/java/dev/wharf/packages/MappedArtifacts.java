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
 * Component files of a local blob store, mapped into memory and handed to the socket from the
 * page cache: no read into the heap and no copy through a stream (the BEFORE profile of issue
 * #12 spent a fifth of a 1 MiB download copying through Jersey's output stream). A blob never
 * changes, so a mapping stays valid for as long as it is kept.
 */
final class MappedArtifacts {

    // Touched pages of a kept mapping count toward the node's RSS (as shared file pages), so the
    // kept mappings are bounded: 128 MiB holds the hot set of thousands of ~50 KB components.
    // An evicted mapping is unmapped when the collector finds it; a larger file is still mapped
    // for its request, just not kept.
    private static final long KEPT_BYTES = 128L << 20;

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
        if (mapped == null) {
            if (size > Integer.MAX_VALUE) return Optional.empty(); // one mapping holds at most 2 GiB
            Optional<Path> file = blobs.localFile(sha);
            if (file.isEmpty()) return Optional.empty();
            try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
                if (channel.size() != size) return Optional.empty();
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            }
            kept.put(sha, mapped);
        }
        return Optional.of(mapped.asReadOnlyBuffer());
    }
}
