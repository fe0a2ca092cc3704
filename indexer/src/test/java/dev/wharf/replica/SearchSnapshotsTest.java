package dev.wharf.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.blob.FileBlobStore;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.registry.SearchHit;
import dev.wharf.registry.SearchQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's search replica published as a snapshot into a real (file) blob store, and a new
 * node's empty index filled from it; every way a snapshot can be unusable ends in a replay.
 */
class SearchSnapshotsTest {

    @TempDir
    Path dir;

    static LoggedEvent at(int partition, long offset, String name, String version, String description) {
        RegistryCatalog.Entry entry = new RegistryCatalog.Entry(name, "component", 0, List.of(), List.of(), description);
        return new LoggedEvent(partition, offset, RegistryCatalog.publish(entry, version, description, 1_700_000_000L + offset), null);
    }

    /** 600 packages over two partitions, then more on partition 1 after the snapshot. */
    static List<LoggedEvent> widgets(int from, int to) {
        List<LoggedEvent> batch = new ArrayList<>();
        for (int i = from; i < to; i++) batch.add(at(i % 2, i / 2, "bulk:widget-" + i, "1.0.0", "widget number " + i));
        return batch;
    }

    static List<String> names(SearchReplica replica, String text) throws Exception {
        return replica.search(new SearchQuery(text, 1000, 0, SearchQuery.Sort.RECENT)).hits().stream()
                .map(hit -> hit.latest().name() + "@" + hit.latest().version()).toList();
    }

    @Test
    void a_new_node_starts_from_the_published_snapshot_and_applies_only_the_events_after_it() throws Exception {
        FileBlobStore store = new FileBlobStore(dir.resolve("blobs"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (SearchReplica first = new SearchReplica(a, 0, Duration.ZERO)) {
            first.apply(widgets(0, 600));
            SearchSnapshots publisher = new SearchSnapshots(first, store, 100, () -> true, dir.resolve("work"), "node-a");
            SearchSnapshot published = publisher.publish();
            assertThat(published.offsets()).isEqualTo(Map.of(0, 300L, 1, 300L));
            assertThat(published.records()).isEqualTo(600);
            // Merges and commits go on while, and after, the held commit is copied.
            first.apply(widgets(600, 700));
            first.commit();
            assertThat(SearchSnapshots.manifest(store)).contains(published);

            SearchSnapshots.Bootstrap started = SearchSnapshots.bootstrap(store, b);
            assertThat(started.snapshot()).contains(published);
            try (SearchReplica joined = new SearchReplica(b, 0, Duration.ZERO)) {
                assertThat(joined.resumedFrom()).isEqualTo(Map.of(0, 300L, 1, 300L));
                // The tail re-delivers from the resumed offsets: only 100 events are applied.
                joined.apply(widgets(600, 700));
                assertThat(joined.appliedEvents()).isEqualTo(100);
                assertThat(names(joined, "widget")).hasSize(700).isEqualTo(names(first, "widget"));
            }
        }
        // Its own index now: a restart resumes from its commit, not from the snapshot.
        assertThat(SearchSnapshots.bootstrap(store, b).snapshot()).isEmpty();
    }

    @Test
    void the_two_latest_snapshots_are_kept_and_older_ones_removed() throws Exception {
        FileBlobStore store = new FileBlobStore(dir.resolve("blobs"));
        try (SearchReplica replica = new SearchReplica(dir.resolve("a"), 0, Duration.ZERO)) {
            SearchSnapshots publisher = new SearchSnapshots(replica, store, 100, () -> true, dir.resolve("work"), "node-a");
            List<SearchSnapshot> published = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                replica.apply(widgets(round * 200, round * 200 + 200));
                published.add(publisher.publish());
            }
            assertThat(published.get(2).previous()).isEqualTo(published.get(1).object());
            assertThat(store.read(published.get(2).object())).isPresent();
            assertThat(store.read(published.get(1).object())).isPresent();
            assertThat(store.read(published.get(0).object())).isEmpty();
            // Snapshots are not blobs: blob GC, which lists blobs, never sees them.
            assertThat(store.list()).isEmpty();
        }
    }

    @Test
    void a_corrupt_a_missing_or_an_other_layout_snapshot_leaves_an_empty_index_to_replay() throws Exception {
        FileBlobStore store = new FileBlobStore(dir.resolve("blobs"));
        assertThat(SearchSnapshots.bootstrap(store, dir.resolve("none")).outcome()).contains("no search snapshot");

        SearchSnapshot published;
        try (SearchReplica replica = new SearchReplica(dir.resolve("a"), 0, Duration.ZERO)) {
            replica.apply(widgets(0, 300));
            published = new SearchSnapshots(replica, store, 100, () -> true, dir.resolve("work"), "node-a").publish();
        }
        Path archive = dir.resolve("blobs/snapshots").resolve(published.object());
        byte[] good = Files.readAllBytes(archive);

        byte[] flipped = good.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(archive, flipped);
        Path corrupt = dir.resolve("corrupt");
        assertThat(SearchSnapshots.bootstrap(store, corrupt).outcome()).contains("SHA-256");
        assertStartsEmpty(corrupt);

        Files.write(archive, java.util.Arrays.copyOf(good, good.length / 3));
        Path cut = dir.resolve("cut");
        assertThat(SearchSnapshots.bootstrap(store, cut).snapshot()).isEmpty();
        assertStartsEmpty(cut);

        Files.delete(archive);
        Path missing = dir.resolve("missing");
        assertThat(SearchSnapshots.bootstrap(store, missing).outcome()).contains("missing");
        assertStartsEmpty(missing);

        Files.writeString(dir.resolve("blobs/snapshots").resolve(SearchSnapshots.MANIFEST),
                Files.readString(dir.resolve("blobs/snapshots").resolve(SearchSnapshots.MANIFEST))
                        .replace("\"layout\":\"" + SearchReplica.layout() + "\"", "\"layout\":\"0\""));
        assertThat(SearchSnapshots.bootstrap(store, dir.resolve("old")).outcome()).contains("layout 0");
        // No temporary directory is left beside the index directories.
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("bootstrap"));
        }
    }

    static void assertStartsEmpty(Path index) throws Exception {
        try (SearchReplica replica = new SearchReplica(index, 0, Duration.ZERO)) {
            assertThat(replica.resumedFrom()).isEmpty();
            assertThat(replica.packageCount()).isZero();
        }
    }
}
