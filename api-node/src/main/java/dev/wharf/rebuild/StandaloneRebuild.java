package dev.wharf.rebuild;

import dev.wharf.projection.ProjectionRebuild;

import com.codahale.metrics.MetricRegistry;
import dev.wharf.metadata.MetadataStore;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.standalone.DataDir;
import io.dropwizard.db.DataSourceFactory;
import dev.wharf.standalone.DataDirLock;
import dev.wharf.standalone.EmbeddedKafkaBroker;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteDataSource;

/**
 * {@code rebuild} for a stopped node: compares the live metadata with a fresh replay of the
 * log, then drops the projections and rebuilds them from the log. The search index is simply
 * deleted: the node replays it from the log when it starts.
 */
public final class StandaloneRebuild {

    private StandaloneRebuild() {}

    /**
     * @param kafka the configured log; with {@code embeddedKafka} the node's own broker is started
     *              on {@code dataDir} instead and its address used
     */
    public static ProjectionRebuild.Report run(DataDir dataDir, KafkaSettings kafka, boolean embeddedKafka,
                                               DataSourceFactory database, Path searchDir, PrintStream out) throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(dataDir.root())) {
            EmbeddedKafkaBroker broker = null;
            if (embeddedKafka) {
                broker = new EmbeddedKafkaBroker(dataDir.kafka(), 0);
                broker.start();
                kafka = kafka.withBootstrapServers(broker.bootstrapServers());
            }
            try {
                return rebuild(kafka, database, searchDir, out);
            } finally {
                if (broker != null) broker.stop();
            }
        }
    }

    private static ProjectionRebuild.Report rebuild(KafkaSettings kafka, DataSourceFactory database, Path searchDir,
                                                    PrintStream out) throws Exception {
        Path scratchFile = Files.createTempFile("wharf-rebuild-", ".db");
        ManagedDataSource dataSource = database.build(new MetricRegistry(), "rebuild");
        try {
            dataSource.start();
            MetadataStore.migrate(dataSource);
            MetadataStore live = new MetadataStore(Jdbi.create(dataSource));
            SQLiteDataSource scratchSource = new SQLiteDataSource();
            scratchSource.setUrl("jdbc:sqlite:" + scratchFile);
            MetadataStore.migrate(scratchSource);
            MetadataStore scratch = new MetadataStore(Jdbi.create(scratchSource));

            ProjectionRebuild.Report report = ProjectionRebuild.compare(kafka, live, scratch);
            out.printf("replayed %d events up to offsets %s%n", report.eventsReplayed(), report.positions());
            out.println(report.equal() ? "rebuilt state EQUALS the live state" : "rebuilt state DIFFERS from the live state:");
            report.differences().forEach(out::println);

            live.write(tx -> {
                tx.truncateAll();
                return null;
            });
            long applied = ProjectionRebuild.replay(kafka, live, null);
            out.printf("dropped the metadata projection and replayed %d events into it%n", applied);
            deleteTree(searchDir);
            out.println("dropped the search index; the node rebuilds it from the log when it starts");
            return report;
        } finally {
            dataSource.stop();
            Files.deleteIfExists(scratchFile);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
