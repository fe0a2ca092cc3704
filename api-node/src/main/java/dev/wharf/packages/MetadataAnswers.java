package dev.wharf.packages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.registry.PackageReads;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metadata answer of each version, serialized once and served from memory. A published
 * version never changes, except for what later events add to it (its download count, and
 * governance: yank, deprecation), so an answer is dropped when an event about its package is
 * applied on this node ({@link #changed}) and in any case after {@code maxAge}, the download
 * flush interval: a count may lag by that much, as it may anyway until a node flushes. Only
 * found versions are kept: a version published a moment ago on another node is read fresh.
 */
public final class MetadataAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    // Per package, its versions' answers: an event about a package drops them in one step.
    // 20,000 packages of a few answers of ~1 KB each: tens of MB at most.
    private final Cache<String, Map<String, byte[]>> answers;
    private final PackageReads reads;
    private final String registryUrl;

    public MetadataAnswers(PackageReads reads, String registryUrl, Duration maxAge) {
        this.reads = reads;
        this.registryUrl = registryUrl;
        this.answers = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(maxAge).build();
    }

    /** The JSON of {@code name@version}, as {@code GET /api/v1/packages/{name}/{version}} answers it. */
    public byte[] meta(String name, String version) {
        Map<String, byte[]> versions = answers.getIfPresent(name);
        byte[] cached = versions == null ? null : versions.get(version);
        if (cached != null) return cached;
        byte[] fresh = serialize(Representations.meta(reads.version(name, version), registryUrl));
        answers.get(name, n -> new ConcurrentHashMap<>()).put(version, fresh);
        return fresh;
    }

    /** An event about {@code name} was applied: its versions' answers are built again when next asked. */
    public void changed(String name) {
        answers.invalidate(name);
    }

    private static byte[] serialize(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }
}
