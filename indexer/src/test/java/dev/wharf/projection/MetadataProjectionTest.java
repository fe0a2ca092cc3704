package dev.wharf.projection;

import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.VersionRecord;
import dev.wharf.metadata.MetadataStore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The metadata projection on a real SQLite file: log order decides, and nothing applies twice. */
class MetadataProjectionTest {

    @TempDir
    Path dir;
    MetadataStore store;

    @BeforeEach
    void open() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("m.db"));
        MetadataStore.migrate(source);
        store = new MetadataStore(Jdbi.create(source));
    }

    static PublishVersion publish(String name, String version, String sha) {
        return new PublishVersion(UUID.randomUUID(), 1_700_000_000L, name, version, "d", null, null, null, List.of(),
                List.of(), sha.repeat(64), 10, new WasmSummary("component", List.of(), List.of(), null), "*");
    }

    @Test
    void the_first_publish_in_log_order_wins_and_every_publish_gets_an_outcome() throws Exception {
        PublishVersion first = publish("a:b", "1.0.0", "a");
        PublishVersion second = publish("a:b", "1.0.0+other", "b");
        new MetadataProjection(store).apply(List.of(
                new LoggedEvent(0, 0, first, null), new LoggedEvent(0, 1, second, null)));

        assertThat(store.outcome(first.eventId()).orElseThrow().outcome()).isEqualTo(PublishOutcome.Kind.ACCEPTED);
        assertThat(store.outcome(second.eventId()).orElseThrow().outcome()).isEqualTo(PublishOutcome.Kind.CONFLICT);
        assertThat(store.versions(dev.wharf.domain.PackageName.parse("a:b")).orElseThrow())
                .singleElement().extracting(VersionRecord::sha256).isEqualTo("a".repeat(64));
        assertThat(store.positions(MetadataProjection.NAME)).isEqualTo(Map.of(0, 2L));
    }

    @Test
    void a_second_indexer_replaying_applied_offsets_is_fenced_off_and_changes_nothing() throws Exception {
        PublishVersion p = publish("a:b", "1.0.0", "a");
        DownloadsCounted d = new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.0.0", 5L), "n");
        List<LoggedEvent> batch = List.of(new LoggedEvent(3, 0, p, null), new LoggedEvent(3, 1, d, null));
        new MetadataProjection(store).apply(batch);
        List<String> before = store.canonicalDump();

        // A zombie member that missed the rebalance applies the same batch again.
        assertThatThrownBy(() -> new MetadataProjection(store).apply(batch)).isInstanceOf(Projection.StalePosition.class);

        assertThat(store.canonicalDump()).isEqualTo(before);
        assertThat(store.stats().downloadCount()).isEqualTo(5);
    }

    @Test
    void a_fenced_batch_rolls_back_offsets_already_moved_for_other_partitions() throws Exception {
        new MetadataProjection(store).apply(List.of(new LoggedEvent(1, 0, publish("x:y", "1.0.0", "c"), null)));
        List<LoggedEvent> mixed = List.of(
                new LoggedEvent(0, 0, publish("a:b", "1.0.0", "a"), null),   // new: would advance partition 0
                new LoggedEvent(1, 0, publish("x:y", "2.0.0", "d"), null));  // stale: partition 1 is at 1
        assertThatThrownBy(() -> new MetadataProjection(store).apply(mixed)).isInstanceOf(Projection.StalePosition.class);
        assertThat(store.positions(MetadataProjection.NAME)).isEqualTo(Map.of(1, 1L));
        assertThat(store.packageNames()).containsExactly("x:y");
    }

    @Test
    void undecodable_and_invalid_events_are_skipped_or_rejected_but_the_offset_moves_on() throws Exception {
        PublishVersion bad = publish("NOT A NAME", "1.0.0", "a");
        new MetadataProjection(store).apply(List.of(
                new LoggedEvent(0, 0, null, "unknown event schema 9"), new LoggedEvent(0, 1, bad, null)));
        assertThat(store.outcome(bad.eventId()).orElseThrow().outcome()).isEqualTo(PublishOutcome.Kind.REJECTED);
        assertThat(store.positions(MetadataProjection.NAME)).isEqualTo(Map.of(0, 2L));
    }

    @Test
    void a_package_is_announced_changed_only_once_its_change_is_committed() throws Exception {
        java.util.List<String> seenAtAnnouncement = new java.util.ArrayList<>();
        MetadataProjection projection = new MetadataProjection(store, outcomes -> {}, name -> seenAtAnnouncement.add(
                name + " " + store.version(dev.wharf.domain.PackageName.parse(name), dev.wharf.domain.PackageVersion.parse("1.0.0"))
                        .map(v -> v.downloads()).orElse(-1L)));
        projection.apply(List.of(new LoggedEvent(0, 0, publish("c:d", "1.0.0", "c"), null)));
        projection.apply(List.of(new LoggedEvent(0, 1, new DownloadsCounted(UUID.randomUUID(), "c:d", Map.of("1.0.0", 4L), "n1"), null)));
        // A cache that drops its answer on the announcement and reads again must see the change.
        assertThat(seenAtAnnouncement).containsExactly("c:d 0", "c:d 4");
    }
}
