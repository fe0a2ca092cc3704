package dev.wharf.packages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.wharf.domain.VersionRecord;
import dev.wharf.registry.PackageReads;
import dev.wharf.wire.VersionList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The metadata and versions answers of each package, serialized once and served from memory. A
 * published version never changes, except for what later events add to it (its download count,
 * and governance: yank, deprecation), so a package's answers are dropped when an event about it
 * is applied on this node ({@link #changed}), and in any case after {@code maxAge}: the safety net
 * where the store is written by another process (cluster: the indexer), whose commit this node
 * does not hear of.
 *
 * <p>Only found versions are kept: a version published a moment ago on another node is read
 * fresh. A versions list can miss a version published elsewhere, so it is kept only when this
 * node's own projections are the store ({@code keepVersionLists}: standalone, where a publish is
 * answered after this node applied it); cluster nodes read it from PostgreSQL, which the indexer
 * updated before the publish was acknowledged.
 */
public final class MetadataAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSIONS = "\0versions";

    // Per package, its answers (version -> JSON, plus the versions list under VERSIONS): an event
    // about a package drops them in one step. 20,000 packages of a few ~1 KB answers: tens of MB.
    private final Cache<String, Map<String, byte[]>> answers;
    // Bumped by every change: an answer read from the store before a change and finished after
    // it is not kept (it may predate the change and would stay stale until maxAge).
    private final AtomicLong changes = new AtomicLong();
    private final PackageReads reads;
    private final String registryUrl;
    private final boolean keepVersionLists;

    public MetadataAnswers(PackageReads reads, String registryUrl, Duration maxAge, boolean keepVersionLists) {
        this.reads = reads;
        this.registryUrl = registryUrl;
        this.keepVersionLists = keepVersionLists;
        this.answers = Caffeine.newBuilder().maximumSize(20_000).expireAfterWrite(maxAge).build();
    }

    /** The JSON of {@code name@version}, as {@code GET /api/v1/packages/{name}/{version}} answers it. */
    public byte[] meta(String name, String version) {
        byte[] cached = cached(name, version);
        if (cached != null) return cached;
        long seen = changes.get();
        byte[] fresh = serialize(Representations.meta(reads.version(name, version), registryUrl));
        keep(name, version, fresh, seen);
        return fresh;
    }

    /** The JSON of {@code GET /api/v1/packages/{name}/versions}: the versions offered for resolution. */
    public byte[] versions(String name) {
        byte[] cached = cached(name, VERSIONS);
        if (cached != null) return cached;
        long seen = changes.get();
        List<VersionRecord> all = reads.versions(name);
        // What Run resolves against leaves yanked versions out; a lock pinning one still installs it.
        byte[] fresh = serialize(new VersionList(name, all.stream().filter(v -> !v.yanked()).map(VersionRecord::version).toList()));
        if (keepVersionLists) keep(name, VERSIONS, fresh, seen);
        return fresh;
    }

    /** {@link #meta}'s answer when it is in memory, else null: never reads the store. */
    public byte[] cachedMeta(String name, String version) {
        return cached(name, version);
    }

    /** {@link #versions}'s answer when it is in memory, else null: never reads the store. */
    public byte[] cachedVersions(String name) {
        return cached(name, VERSIONS);
    }

    /** An event about {@code name} was applied: its answers are built again when next asked. */
    public void changed(String name) {
        changes.incrementAndGet();
        answers.invalidate(name);
    }

    private byte[] cached(String name, String key) {
        Map<String, byte[]> kept = answers.getIfPresent(name);
        return kept == null ? null : kept.get(key);
    }

    private void keep(String name, String key, byte[] answer, long seen) {
        if (changes.get() != seen) return;
        answers.get(name, n -> new ConcurrentHashMap<>()).put(key, answer);
        // A change that landed between the check and the put must not leave this answer behind.
        if (changes.get() != seen) answers.invalidate(name);
    }

    private static byte[] serialize(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value, e);
        }
    }
}
