package dev.wharf.backup;

import com.fasterxml.jackson.databind.MappingIterator;
import dev.wharf.blob.FileBlobStore;
import dev.wharf.domain.Sha256;
import dev.wharf.kafka.EventTopic;
import dev.wharf.kafka.KafkaSettings;
import dev.wharf.node.WharfConfiguration;
import dev.wharf.standalone.DataDirLock;
import dev.wharf.standalone.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Restores a backup into a new standalone DATA_DIR: appends the events back into a fresh log,
 * each to the partition it came from (not re-partitioned: the partition is the unit of order,
 * and a package's events must keep theirs), in offset order, with its key and timestamp; then
 * copies the blobs. The tables and the search index are not restored: the node replays them
 * from the log when it starts, as it would after {@code rebuild}.
 */
public final class Restore {

    private Restore() {}

    public static BackupManifest into(WharfConfiguration config, Path backup, PrintStream out) throws Exception {
        BackupManifest manifest = readManifest(backup);
        Path dataDir = Path.of(config.dataDir).toAbsolutePath();
        for (String used : new String[] {"kafka", "blobs", "metadata.db", "search"}) {
            if (Files.exists(dataDir.resolve(used))) {
                throw new IOException(dataDir + " already holds a registry (" + used + "): restore into a new DATA_DIR");
            }
        }
        if (!config.embeddedKafka || !config.blobs.type.equals("file")) {
            throw new IOException("restore is for standalone (embedded Kafka, file blobs); see README for a cluster");
        }
        if (config.kafka.partitions != manifest.partitions()) {
            throw new IOException("the backup's log has " + manifest.partitions() + " partitions, this config " + config.kafka.partitions);
        }
        Files.createDirectories(dataDir);
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), 0);
            broker.start();
            try {
                config.kafka.bootstrapServers = broker.bootstrapServers();
                EventTopic.ensure(config.kafka);
                long events = appendEvents(config.kafka, backup.resolve(BackupManifest.EVENTS), manifest);
                out.printf("appended %d events to the log%n", events);
            } finally {
                broker.stop();
            }
            long blobs = copyBlobs(backup.resolve(BackupManifest.BLOBS),
                    config.blobs.directory.isBlank() ? dataDir.resolve("blobs") : Path.of(config.blobs.directory));
            out.printf("copied %d blobs; start the node: it replays the log into its tables and search index%n", blobs);
        }
        return manifest;
    }

    static BackupManifest readManifest(Path backup) throws IOException {
        Path file = backup.resolve(BackupManifest.FILE);
        if (!Files.isRegularFile(file)) throw new IOException(backup + " has no " + BackupManifest.FILE + ": not a finished backup");
        BackupManifest manifest = Backup.JSON.readValue(file.toFile(), BackupManifest.class);
        if (manifest.format() != BackupManifest.FORMAT) throw new IOException("unknown backup format " + manifest.format());
        return manifest;
    }

    private static long appendEvents(KafkaSettings kafka, Path file, BackupManifest manifest) throws Exception {
        Map<String, Object> props = kafka.common();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight: order within a partition is kept even across retries.
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        Map<Integer, Long> appended = new HashMap<>();
        Base64.Decoder base64 = Base64.getDecoder();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
             MappingIterator<LoggedRecord> records = Backup.JSON.readerFor(LoggedRecord.class).readValues(file.toFile())) {
            while (records.hasNext()) {
                LoggedRecord r = records.next();
                producer.send(new ProducerRecord<>(kafka.topic, r.partition(), r.timestamp() >= 0 ? r.timestamp() : null,
                        r.key(), base64.decode(r.value())));
                appended.merge(r.partition(), 1L, Long::sum);
            }
            producer.flush();
        }
        long total = appended.values().stream().mapToLong(Long::longValue).sum();
        if (total != manifest.events()) {
            throw new IOException("the backup lists " + manifest.events() + " events but " + total + " were read back");
        }
        return total;
    }

    private static long copyBlobs(Path from, Path to) throws IOException {
        FileBlobStore target = new FileBlobStore(to);
        long copied = 0;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Sha256 sha = Sha256.parse(f.getFileName().toString());
                target.put(sha, f, Files.size(f));
                copied++;
            }
        }
        return copied;
    }
}
