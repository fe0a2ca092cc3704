package dev.wharf.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.engines.PostgresDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metadata store's rules on PostgreSQL, as the cluster runs it (a fresh schema per store),
 * plus what only a server database can show: two indexers racing on the offset fence, and
 * agreement with SQLite row for row.
 */
class PostgresMetadataStoreTest extends MetadataStoreTest {

    private final List<PostgresDatabase> databases = new ArrayList<>();

    @TempDir
    Path directory;

    @Override
    DataSource freshDatabase() {
        PostgresDatabase database = PostgresDatabase.create();
        databases.add(database);
        return database.dataSource();
    }

    @AfterEach
    void dropSchemas() {
        databases.forEach(PostgresDatabase::close);
    }

    @Test
    void sqliteAndPostgresqlFedTheSameLogDumpTheSameRows() {
        DataSource sqlite = SqliteMetadataStoreTest.sqliteDatabase(directory.resolve("standalone.db"));
        MetadataStore.migrate(sqlite);
        MetadataStore standalone = new MetadataStore(Jdbi.create(sqlite));
        List<dev.wharf.events.PublishVersion> log = sampleLog();

        apply(store, log);
        apply(standalone, log);

        assertThat(store.canonicalDump()).isNotEmpty().isEqualTo(standalone.canonicalDump());
    }

    @Test
    void whenTwoIndexersRaceOnTheSameOffsetExactlyOneAdvances() throws Exception {
        // Two threads of our own: the common pool may have a single worker on a small machine.
        ExecutorService indexers = Executors.newFixedThreadPool(2);
        try {
            // From 0 (the insert path) and from a stored offset (the update path).
            for (long[] race : new long[][] {{0, 5}, {5, 9}}) {
                race(indexers, race[0], race[1]);
            }
        } finally {
            indexers.shutdownNow();
        }
    }

    private void race(ExecutorService indexers, long expected, long next) throws Exception {
        CountDownLatch firstAdvanced = new CountDownLatch(1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> store.write(tx -> {
            boolean moved = tx.advance("metadata", 0, expected, next);
            firstAdvanced.countDown();
            // Hold the transaction open until the second indexer is queued behind its lock.
            awaitOffsetLockWaiter();
            return moved;
        }), indexers);
        assertThat(firstAdvanced.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(
                () -> store.write(tx -> tx.advance("metadata", 0, expected, next)), indexers);

        assertThat(first.get(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(60, TimeUnit.SECONDS)).as("the indexer that lost the race must roll back").isFalse();
        assertThat(store.positions("metadata")).isEqualTo(Map.of(0, next));
    }

    /** Polls PostgreSQL until a session of this database waits for a lock while writing an offset. */
    private void awaitOffsetLockWaiter() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        try (var handle = store.jdbi().open()) {
            while (handle.createQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND query LIKE '%projection_offsets%'")
                    .mapTo(Integer.class).one() == 0) {
                if (Instant.now().isAfter(deadline)) throw new AssertionError("the second indexer never waited for the lock");
                handle.execute("SELECT pg_sleep(0.02)");
            }
        }
    }
}
