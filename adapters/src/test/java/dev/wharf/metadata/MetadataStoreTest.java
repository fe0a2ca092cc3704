package dev.wharf.metadata;

import dev.wharf.domain.PackageSummary;
import dev.wharf.domain.PublishOutcome;
import dev.wharf.domain.RegistryStats;
import dev.wharf.domain.VersionRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.domain.Dependency;
import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The metadata projection's rules, written once and run on every engine it supports: each
 * subclass supplies fresh, empty databases of one engine (SQLite, PostgreSQL). Everything goes
 * through the Flyway migration and the same SQL the indexer uses.
 */
abstract class MetadataStoreTest {

    private static final Random RANDOM = new Random(7);
    private long clock = 1_700_000_000L;

    MetadataStore store;

    /** A new, empty database of this engine; the subclass cleans it up after the test. */
    abstract DataSource freshDatabase() throws Exception;

    MetadataStore migratedStore() throws Exception {
        DataSource dataSource = freshDatabase();
        MetadataStore.migrate(dataSource);
        return new MetadataStore(Jdbi.create(dataSource));
    }

    @BeforeEach
    void migrate() throws Exception {
        store = migratedStore();
    }

    @Test
    void aFreshlyMigratedStoreIsEmptyAndMigratingAgainChangesNothing() throws Exception {
        DataSource dataSource = freshDatabase();
        MetadataStore.migrate(dataSource);
        MetadataStore.migrate(dataSource);
        MetadataStore again = new MetadataStore(Jdbi.create(dataSource));

        assertThat(again.packageNames()).isEmpty();
        assertThat(again.stats()).isEqualTo(new RegistryStats(0, 0, 0));
        assertThat(again.canonicalDump()).isEmpty();
        assertThat(again.positions("metadata")).isEmpty();
    }

    @Test
    void anAcceptedVersionIsReadBackWithEveryFieldItWasPublishedWith() {
        PublishVersion event = new PublishVersion(UUID.randomUUID(), 1_700_000_123L, "alice:calc/calculator", "1.2.3",
                "A calculator — with “unicode”", "MIT", "https://example.org/calc", "https://example.org/calc.wit",
                List.of(new Dependency("wasi:io", "0.2.0", false), new Dependency("wasi:cli", "^0.2", true)),
                List.of("wasm32-wasip2"), randomSha256(), 4_321,
                new WasmSummary(WasmSummary.COMPONENT, List.of("wasi:io/streams@0.2.0"), List.of("alice:calc/eval"), "calc"),
                "alice");

        assertThat(decides(tx -> tx.insertVersion(event))).isTrue();

        VersionRecord stored = store.version(PackageName.parse("alice:calc/calculator"), PackageVersion.parse("1.2.3")).orElseThrow();
        assertThat(stored).isEqualTo(new VersionRecord("alice:calc/calculator", "1.2.3", "A calculator — with “unicode”",
                "MIT", "https://example.org/calc", "https://example.org/calc.wit", event.dependencies(),
                List.of("wasm32-wasip2"), event.sha256(), 4_321, 1_700_000_123L, "component",
                List.of("wasi:io/streams@0.2.0"), List.of("alice:calc/eval"), "calc", 0, false, null, null));
        assertThat(store.packageNames()).containsExactly("alice:calc/calculator");
        assertThat(store.latest(PackageName.parse("alice:calc/calculator"))).contains(stored);
    }

    @Test
    void aVersionWithoutOptionalFieldsIsStoredWithNullsAndEmptyLists() {
        PublishVersion bare = new PublishVersion(UUID.randomUUID(), tick(), "bob:tool", "0.1.0", null, null, null, null,
                null, null, randomSha256(), 10, null, "bob");

        store.write(tx -> tx.insertVersion(bare));

        VersionRecord stored = store.version(PackageName.parse("bob:tool"), PackageVersion.parse("0.1.0")).orElseThrow();
        assertThat(stored.description()).isEmpty();
        assertThat(stored.license()).isNull();
        assertThat(stored.kind()).isNull();
        assertThat(stored.dependencies()).isEmpty();
        assertThat(stored.imports()).isEmpty();
    }

    @Test
    void theFirstPublishOfAVersionInLogOrderWinsAndLaterOnesAreConflicts() {
        PublishVersion first = publish("alice:calc", "1.0.0");
        PublishVersion second = publish("alice:calc", "1.0.0");

        assertThat(decides(tx -> tx.insertVersion(first))).isTrue();
        assertThat(decides(tx -> tx.insertVersion(second))).isFalse();

        VersionRecord stored = store.version(PackageName.parse("alice:calc"), PackageVersion.parse("1.0.0")).orElseThrow();
        assertThat(stored.sha256()).isEqualTo(first.sha256());
        assertThat(store.stats().versionCount()).isEqualTo(1);
    }

    @Test
    void versionsThatDifferOnlyInBuildMetadataAreTheSameVersion() {
        PublishVersion a = publish("alice:calc", "1.0.1+a");
        PublishVersion b = publish("alice:calc", "1.0.1+b");

        assertThat(decides(tx -> tx.insertVersion(a))).isTrue();
        assertThat(decides(tx -> tx.insertVersion(b))).as("1.0.1+b after 1.0.1+a is a conflict").isFalse();

        PackageName calc = PackageName.parse("alice:calc");
        assertThat(store.versions(calc).orElseThrow()).extracting(VersionRecord::version).containsExactly("1.0.1+a");
        assertThat(store.version(calc, PackageVersion.parse("1.0.1+b")).orElseThrow().sha256())
                .as("looking up by either spelling finds the version that won").isEqualTo(a.sha256());
        assertThat(store.version(calc, PackageVersion.parse("1.0.1")).orElseThrow().version()).isEqualTo("1.0.1+a");
    }

    @Test
    void versionsAreListedInSemverOrderWithPreReleasesBeforeTheirRelease() {
        List<String> published = new ArrayList<>(List.of(
                "1.9.0", "1.10.0", "1.0.0", "1.0.0-alpha", "1.0.0-beta.11", "1.0.0-beta.2", "0.9.12", "2.0.0-rc.1", "1.2.0"));
        Collections.shuffle(published, RANDOM);
        for (String version : published) {
            store.write(tx -> tx.insertVersion(publish("alice:calc", version)));
        }

        assertThat(store.versions(PackageName.parse("alice:calc")).orElseThrow()).extracting(VersionRecord::version)
                .containsExactly("0.9.12", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0", "1.2.0", "1.9.0",
                        "1.10.0", "2.0.0-rc.1");
        assertThat(store.versions(PackageName.parse("alice:unknown"))).isEmpty();
    }

    @Test
    void theLatestVersionIsTheHighestReleaseOrTheHighestPreReleaseWhenThereIsNoRelease() {
        PackageName calc = PackageName.parse("alice:calc");
        store.write(tx -> tx.insertVersion(publish("alice:calc", "0.2.0-beta.1")));
        assertThat(store.latest(calc).orElseThrow().version()).isEqualTo("0.2.0-beta.1");

        store.write(tx -> tx.insertVersion(publish("alice:calc", "0.3.0-rc.1")));
        assertThat(store.latest(calc).orElseThrow().version()).isEqualTo("0.3.0-rc.1");

        store.write(tx -> tx.insertVersion(publish("alice:calc", "0.1.0")));
        assertThat(store.latest(calc).orElseThrow().version()).as("a release beats any pre-release").isEqualTo("0.1.0");

        store.write(tx -> tx.insertVersion(publish("alice:calc", "1.10.0")));
        store.write(tx -> tx.insertVersion(publish("alice:calc", "1.9.0")));
        assertThat(store.latest(calc).orElseThrow().version()).as("publishing an older version keeps the newest").isEqualTo("1.10.0");

        assertThat(store.packages(0, 10)).singleElement().satisfies(summary -> {
            assertThat(summary.latestVersion()).isEqualTo("1.10.0");
            assertThat(summary.versionCount()).isEqualTo(5);
        });
        assertThat(store.latest(PackageName.parse("alice:unknown"))).isEmpty();
    }

    @Test
    void packagesAreListedByNameWithTheirLatestDescription() {
        for (String name : List.of("zed:last", "alice:calc", "bob:tool", "alice:calc/calculator")) {
            store.write(tx -> tx.insertVersion(publish(name, "1.0.0")));
        }
        store.write(tx -> tx.insertVersion(new PublishVersion(UUID.randomUUID(), tick(), "bob:tool", "2.0.0",
                "the new tool", null, null, null, null, null, randomSha256(), 1, null, "bob")));

        assertThat(store.packageNames()).containsExactly("alice:calc", "alice:calc/calculator", "bob:tool", "zed:last");
        assertThat(store.packages(1, 2)).extracting(PackageSummary::name, PackageSummary::description)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("alice:calc/calculator", "alice:calc/calculator 1.0.0"),
                        org.assertj.core.groups.Tuple.tuple("bob:tool", "the new tool"));
        assertThat(store.stats()).isEqualTo(new RegistryStats(4, 5, 0));
    }

    @Test
    void downloadCountsAddUpPerVersionAcrossBatches() {
        store.write(tx -> tx.insertVersion(publish("alice:calc", "1.0.0")));
        store.write(tx -> tx.insertVersion(publish("alice:calc", "1.1.0")));

        store.write(tx -> {
            tx.addDownloads("alice:calc", "1.0.0", 3);
            tx.addDownloads("alice:calc", "1.1.0", 1);
            return null;
        });
        store.write(tx -> {
            tx.addDownloads("alice:calc", "1.0.0", 4);
            return null;
        });

        PackageName calc = PackageName.parse("alice:calc");
        assertThat(store.versions(calc).orElseThrow()).extracting(VersionRecord::downloads).containsExactly(7L, 1L);
        assertThat(store.stats().downloadCount()).isEqualTo(8);
        assertThat(store.packages(0, 10)).singleElement().extracting(PackageSummary::downloads).isEqualTo(8L);
    }

    @Test
    void everyPublishOutcomeIsRecordedOnceAndTheFirstRecordStands() {
        UUID accepted = UUID.randomUUID();
        UUID conflict = UUID.randomUUID();
        store.write(tx -> {
            tx.recordOutcome(new PublishOutcome(accepted, "alice:calc", "1.0.0", PublishOutcome.Kind.ACCEPTED, null));
            tx.recordOutcome(new PublishOutcome(conflict, "alice:calc", "1.0.0", PublishOutcome.Kind.CONFLICT,
                    "alice:calc@1.0.0 already exists"));
            return null;
        });
        // A replayed event must not rewrite what the publisher was told.
        store.write(tx -> {
            tx.recordOutcome(new PublishOutcome(accepted, "alice:calc", "1.0.0", PublishOutcome.Kind.REJECTED, "late"));
            return null;
        });

        assertThat(store.outcome(accepted)).contains(
                new PublishOutcome(accepted, "alice:calc", "1.0.0", PublishOutcome.Kind.ACCEPTED, null));
        assertThat(store.outcome(conflict)).contains(new PublishOutcome(conflict, "alice:calc", "1.0.0",
                PublishOutcome.Kind.CONFLICT, "alice:calc@1.0.0 already exists"));
        assertThat(store.outcome(UUID.randomUUID())).isEmpty();
    }

    @Test
    void theOffsetFenceMovesOnlyFromTheOffsetTheCallerExpects() {
        assertThat(decides(tx -> tx.advance("metadata", 0, 0, 5))).as("first advance from 0 inserts").isTrue();
        assertThat(store.positions("metadata")).isEqualTo(Map.of(0, 5L));

        assertThat(decides(tx -> tx.advance("metadata", 0, 0, 5))).as("a second indexer replaying from 0").isFalse();
        assertThat(decides(tx -> tx.advance("metadata", 0, 3, 8))).as("a stale expected offset").isFalse();
        assertThat(store.positions("metadata")).isEqualTo(Map.of(0, 5L));

        assertThat(decides(tx -> tx.advance("metadata", 0, 5, 9))).isTrue();
        assertThat(decides(tx -> tx.advance("metadata", 2, 0, 1))).as("partitions are fenced separately").isTrue();
        assertThat(decides(tx -> tx.advance("search", 0, 0, 4))).as("projections are fenced separately").isTrue();
        assertThat(store.positions("metadata")).isEqualTo(Map.of(0, 9L, 2, 1L));
        assertThat(store.positions("search")).isEqualTo(Map.of(0, 4L));
    }

    @Test
    void aBatchWhoseFenceFailsLeavesNoTrace() {
        store.write(tx -> tx.advance("metadata", 0, 0, 10));
        PublishVersion late = publish("alice:calc", "1.0.0");

        // What the indexer does: apply the batch, then advance; a failed advance rolls all of it back.
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertVersion(late);
            tx.recordOutcome(new PublishOutcome(late.eventId(), late.name(), late.version(), PublishOutcome.Kind.ACCEPTED, null));
            tx.addDownloads("alice:calc", "1.0.0", 2);
            if (!tx.advance("metadata", 0, 4, 6)) throw new IllegalStateException("offset moved: another indexer applied this batch");
            return null;
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.packageNames()).isEmpty();
        assertThat(store.outcome(late.eventId())).isEmpty();
        assertThat(store.stats()).isEqualTo(new RegistryStats(0, 0, 0));
        assertThat(store.positions("metadata")).isEqualTo(Map.of(0, 10L));
    }

    @Test
    void twoStoresFedTheSameEventsDumpTheSameRows() throws Exception {
        List<PublishVersion> log = sampleLog();
        MetadataStore other = migratedStore();

        apply(store, log);
        apply(other, log);

        assertThat(store.canonicalDump()).isNotEmpty().isEqualTo(other.canonicalDump());

        // A rebuild: drop everything, replay the log, get the same rows back.
        List<String> before = store.canonicalDump();
        store.write(tx -> {
            tx.truncateAll();
            return null;
        });
        assertThat(store.canonicalDump()).isEmpty();
        apply(store, log);
        assertThat(store.canonicalDump()).isEqualTo(before);
    }

    /** A log with conflicts, build metadata, pre-releases and downloads, as the indexer would see it. */
    List<PublishVersion> sampleLog() {
        List<PublishVersion> log = new ArrayList<>();
        for (String version : List.of("0.1.0", "0.2.0-rc.1", "0.2.0", "0.10.0", "0.2.0", "1.0.1+a", "1.0.1+b")) {
            log.add(publish("alice:calc", version));
        }
        log.add(publish("bob:tool/cli", "3.0.0"));
        log.add(publish("bob:tool/cli", "3.0.0-beta"));
        return log;
    }

    /** Applies each event as the indexer does: version, outcome and offset in one transaction. */
    static void apply(MetadataStore target, List<PublishVersion> log) {
        for (int offset = 0; offset < log.size(); offset++) {
            PublishVersion event = log.get(offset);
            int at = offset;
            target.write(tx -> {
                boolean accepted = tx.insertVersion(event);
                tx.recordOutcome(new PublishOutcome(event.eventId(), event.name(), event.version(),
                        accepted ? PublishOutcome.Kind.ACCEPTED : PublishOutcome.Kind.CONFLICT,
                        accepted ? null : event.name() + "@" + event.version() + " already exists"));
                tx.addDownloads(event.name(), PackageVersion.parse(event.version()).key(), at + 1);
                if (!tx.advance("metadata", 0, at, at + 1L)) throw new IllegalStateException("fence at " + at);
                return null;
            });
        }
    }

    /** One transaction whose answer is a yes or no (an insert that won, an advance that moved). */
    boolean decides(java.util.function.Function<MetadataTransaction, Boolean> work) {
        return store.write(work);
    }

    /**
     * ops/fuzz through a cluster's LB: a publish whose description held U+0000 stopped the
     * PostgreSQL projection at that event for good, and every later publish stayed pending.
     */
    @Test
    void aPublishWhoseTextHoldsANulIsStoredAndTheNextOneAppliesToo() {
        PublishVersion nul = new PublishVersion(UUID.randomUUID(), tick(), "alice:nul", "1.0.0", "a\u0000b", "MIT\u0000",
                null, null, List.of(new dev.wharf.domain.Dependency("lib:x\u0000", "1", false)), List.of("t\u0000"),
                randomSha256(), 8, null, "tester");
        apply(store, List.of(nul, publish("alice:after", "1.0.0")));

        var stored = store.version(dev.wharf.domain.PackageName.parse("alice:nul"), dev.wharf.domain.PackageVersion.parse("1.0.0"));
        assertThat(stored).isPresent();
        assertThat(stored.get().description()).isIn("a\u0000b", "a\uFFFDb");
        assertThat(store.packageNames()).contains("alice:after");
    }

    PublishVersion publish(String name, String version) {
        return new PublishVersion(UUID.randomUUID(), tick(), name, version, name + " " + version, "Apache-2.0", null,
                null, List.of(), List.of("wasm32-wasip2"), randomSha256(), 100 + version.length(),
                new WasmSummary(WasmSummary.COMPONENT, List.of("wasi:cli/run@0.2.0"), List.of(), null), "tester");
    }

    private long tick() {
        return clock++;
    }

    private static synchronized String randomSha256() {
        byte[] digest = new byte[32];
        RANDOM.nextBytes(digest);
        return HexFormat.of().formatHex(digest);
    }
}
