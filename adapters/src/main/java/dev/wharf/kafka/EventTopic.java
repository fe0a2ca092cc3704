package dev.wharf.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provisions the events topic: infinite retention (the log is the source of truth), the
 * configured partitions, replication and min.insync.replicas.
 */
public final class EventTopic {

    private static final Logger LOG = LoggerFactory.getLogger(EventTopic.class);

    private EventTopic() {}

    public static void ensure(KafkaSettings settings) throws InterruptedException, TimeoutException {
        try (Admin admin = Admin.create(settings.common())) {
            ensure(admin, settings);
        }
    }

    public static void ensure(Admin admin, KafkaSettings settings) throws InterruptedException, TimeoutException {
        try {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(settings.topic)) {
                NewTopic topic = new NewTopic(settings.topic, settings.partitions, settings.replicationFactor)
                        .configs(Map.of(
                                "retention.ms", "-1",
                                "retention.bytes", "-1",
                                "cleanup.policy", "delete",
                                "min.insync.replicas", Integer.toString(settings.minInsyncReplicas)));
                try {
                    admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                    LOG.info("created topic {} ({} partitions, rf {})", settings.topic, settings.partitions, settings.replicationFactor);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) throw e;
                }
            }
            // KAFKA-15591: an idempotent producer writing right after topic creation can silently
            // lose records. Asking every partition's leader for its end offset first avoids it;
            // just after creation the leaders may not be known yet, which is worth retrying.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    int partitions = admin.describeTopics(List.of(settings.topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(settings.topic).partitions().size();
                    Map<TopicPartition, OffsetSpec> latest = java.util.stream.IntStream.range(0, partitions).boxed()
                            .collect(Collectors.toMap(p -> new TopicPartition(settings.topic, p), p -> OffsetSpec.latest()));
                    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) throw e;
                    Thread.sleep(100);
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot provision topic " + settings.topic + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
