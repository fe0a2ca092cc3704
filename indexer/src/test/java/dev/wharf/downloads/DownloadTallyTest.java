package dev.wharf.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.EventCodec;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import dev.wharf.projection.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Downloads fall on the UTC day they were counted: {@code counted_at} when the event has it,
 * the log record's timestamp when it is older than that field; days without downloads are there
 * with zeros, versions come in semver order, and the table is part of the projection's dump.
 */
class DownloadTallyTest {

    static final Instant NOV_29_NOON = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path dir;
    MetadataStore store;

    @BeforeEach
    void open() {
        store = storeIn(dir);
    }

    /** A metadata store on a new SQLite file in {@code folder}. */
    static MetadataStore storeIn(Path folder) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + folder.resolve("m.db"));
        MetadataStore.migrate(source);
        return new MetadataStore(Jdbi.create(source));
    }

    @Test
    void counts_fall_on_their_day_by_counted_at_or_else_the_record_timestamp() throws Exception {
        PublishVersion p = new PublishVersion(UUID.randomUUID(), 1_700_000_000L, "a:b", "1.0.0", "d", null, null, null,
                List.of(), List.of(), "a".repeat(64), 10, new WasmSummary("component", List.of(), List.of(), null), "*");
        long nov28 = Instant.parse("2026-11-28T23:59:59Z").getEpochSecond();
        new MetadataProjection(store).apply(List.of(
                new LoggedEvent(0, 0, p, null, NOV_29_NOON.toEpochMilli()),
                // counted just before midnight, appended just after: the day it was counted
                new LoggedEvent(0, 1, new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.0.0", 2L, "1.10.0", 1L), "n", nov28),
                        null, Instant.parse("2026-11-29T00:00:03Z").toEpochMilli()),
                // an event from before counted_at existed: the record's own timestamp
                new LoggedEvent(0, 2, new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.2.0", 5L), "n"),
                        null, NOV_29_NOON.toEpochMilli())));

        DownloadHistory history = new DownloadHistory(store, Clock.fixed(NOV_29_NOON, ZoneOffset.UTC));
        DownloadHistory.Daily daily = history.lastDays("a:b", 3);
        assertThat(daily.days()).extracting(DownloadHistory.Day::date).containsExactly("2026-11-27", "2026-11-28", "2026-11-29");
        assertThat(daily.days().get(0).total()).isZero();
        assertThat(daily.days().get(1).versions()).containsExactly(Map.entry("1.0.0", 2L), Map.entry("1.10.0", 1L));
        assertThat(daily.days().get(1).total()).isEqualTo(3);
        assertThat(daily.days().get(2).versions()).containsExactly(Map.entry("1.2.0", 5L));
        assertThat(store.canonicalDump()).anyMatch(line -> line.startsWith("download_days | name=a:b | day=2026-11-29"));
    }

    @Test
    void a_batch_of_counts_adds_up_as_the_same_events_one_batch_each_would() throws Exception {
        PublishVersion p = new PublishVersion(UUID.randomUUID(), 1_700_000_000L, "a:b", "1.0.0", "d", null, null, null,
                List.of(), List.of(), "a".repeat(64), 10, new WasmSummary("component", List.of(), List.of(), null), "*");
        long noon = NOV_29_NOON.getEpochSecond();
        List<LoggedEvent> events = List.of(
                new LoggedEvent(0, 0, p, null, NOV_29_NOON.toEpochMilli()),
                new LoggedEvent(0, 1, new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.0.0", 2L), "n", noon), null, -1),
                new LoggedEvent(0, 2, new DownloadsCounted(UUID.randomUUID(), "a:b", Map.of("1.0.0", 3L, "not-a-version", 9L), "m", noon), null, -1),
                new LoggedEvent(0, 3, new DownloadsCounted(UUID.randomUUID(), "c:d", Map.of("0.1.0", 4L), "n", noon - 86_400), null, -1));
        new MetadataProjection(store).apply(events);

        MetadataStore oneByOne = storeIn(java.nio.file.Files.createDirectories(dir.resolve("one-by-one")));
        for (LoggedEvent e : events) new MetadataProjection(oneByOne).apply(List.of(e));

        assertThat(store.canonicalDump()).as("the same tables").isEqualTo(oneByOne.canonicalDump());
        DownloadHistory.Daily daily = new DownloadHistory(store, Clock.fixed(NOV_29_NOON, ZoneOffset.UTC)).lastDays("a:b", 1);
        assertThat(daily.days().getFirst().versions()).as("2 + 3 on one day; a bad version is left out")
                .containsExactly(Map.entry("1.0.0", 5L));
    }

    @Test
    void an_event_without_counted_at_encodes_to_the_same_bytes_as_before_the_field() throws Exception {
        UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
        String old = new String(EventCodec.encode(new DownloadsCounted(id, "a:b", Map.of("1.0.0", 1L), "n")), StandardCharsets.UTF_8);
        assertThat(old).doesNotContain("counted_at");
        String now = new String(EventCodec.encode(new DownloadsCounted(id, "a:b", Map.of("1.0.0", 1L), "n", 1_764_417_600L)),
                StandardCharsets.UTF_8);
        assertThat(now).contains("\"counted_at\":1764417600");
        assertThat(((DownloadsCounted) EventCodec.decode(old.getBytes(StandardCharsets.UTF_8))).countedAt()).isNull();
        assertThat(((DownloadsCounted) EventCodec.decode(now.getBytes(StandardCharsets.UTF_8))).countedAt()).isEqualTo(1_764_417_600L);
    }
}
