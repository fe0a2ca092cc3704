package dev.wharf.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.wharf.ports.BlobStore;
import dev.wharf.domain.Sha256;
import dev.wharf.kafka.KafkaSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consistent copy of a running registry: its event log and its blobs. Every table and index
 * is a function of the log, so restore replays them instead of copying them.
 *
 * <p>Order matters. First the log's end offsets are fixed: the backup holds the log up to
 * exactly there. Then the events are exported. Then the blobs are copied: a publish writes its
 * blob before it appends its event, so every event up to the fixed ends has its blob stored
 * by now, and blobs are immutable and content-addressed, so copying them while publishes run is
 * safe (a blob copied that no exported event references is an orphan; blob GC handles those).
 * The other order (blobs, then log) would miss the blob of a publish that lands in between.
 */
public final class Backup {

    static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Backup() {}

    public static BackupManifest write(KafkaSettings kafka, BlobStore blobs, Path dir) throws IOException, InterruptedException {
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) throw new IOException(dir + " is not empty: a backup goes into a new directory");
            }
        }
        Files.createDirectories(dir.resolve(BackupManifest.BLOBS));
        Map<Integer, Long> ends = endOffsets(kafka);
        long events = exportEvents(kafka, ends, dir.resolve(BackupManifest.EVENTS));
        long copied = 0;
        for (BlobStore.Stored b : blobs.list()) {
            copyBlob(blobs, b.sha256(), dir.resolve(BackupManifest.BLOBS));
            copied++;
        }
        BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, kafka.topic, ends.size(), ends, events, copied,
                Instant.now().getEpochSecond());
        Path tmp = dir.resolve(BackupManifest.FILE + ".part");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), manifest);
        Files.move(tmp, dir.resolve(BackupManifest.FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return manifest;
    }

    static Map<Integer, Long> endOffsets(KafkaSettings kafka) throws IOException, InterruptedException {
        try (Admin admin = Admin.create(kafka.common())) {
            int partitions = admin.describeTopics(List.of(kafka.topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(kafka.topic).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions).boxed()
                    .collect(Collectors.toMap(p -> new TopicPartition(kafka.topic, p), p -> OffsetSpec.latest()));
            return new java.util.TreeMap<>(admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().partition(), e -> e.getValue().offset())));
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the event log's end offsets: " + e.getMessage(), e);
        }
    }

    /** Partition by partition, in offset order: restore appends them back in exactly this order. */
    private static long exportEvents(KafkaSettings kafka, Map<Integer, Long> ends, Path file) throws IOException {
        Map<String, Object> props = kafka.common();
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        long written = 0;
        Base64.Encoder base64 = Base64.getEncoder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (var end : ends.entrySet()) {
                TopicPartition tp = new TopicPartition(kafka.topic, end.getKey());
                consumer.assign(List.of(tp));
                consumer.seekToBeginning(List.of(tp));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (consumer.position(tp) < end.getValue()) {
                    if (System.nanoTime() > deadline) throw new IOException("reading partition " + tp + " took too long");
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() >= end.getValue()) break;
                        out.write(JSON.writeValueAsString(new LoggedRecord(r.partition(), r.offset(), r.timestamp(), r.key(),
                                base64.encodeToString(r.value()))));
                        out.write('\n');
                        written++;
                    }
                }
            }
        }
        return written;
    }

    /** Copies one blob and checks its bytes against its name on the way. */
    static void copyBlob(BlobStore blobs, Sha256 sha256, Path blobDir) throws IOException {
        Path target = blobDir.resolve(sha256.hex().substring(0, 2)).resolve(sha256.hex());
        Files.createDirectories(target.getParent());
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = blobs.open(sha256, 0, -1);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), digest)) {
            in.transferTo(out);
        }
        if (!Sha256.of(digest.digest()).equals(sha256)) {
            Files.delete(target);
            throw new IOException("blob " + sha256 + " does not hash to its name; the store is damaged");
        }
    }
}
