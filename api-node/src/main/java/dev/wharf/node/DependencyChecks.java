package dev.wharf.node;

import com.codahale.metrics.health.HealthCheck;
import dev.wharf.ports.BlobStore;
import dev.wharf.projection.EventTail;
import dev.wharf.kafka.KafkaSettings;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** One health check per backing service, registered on the admin port. */
final class DependencyChecks {

    private DependencyChecks() {}

    static final class Kafka extends HealthCheck implements AutoCloseable {
        private final Admin admin;
        private final String topic;

        Kafka(KafkaSettings settings) {
            Map<String, Object> props = settings.common();
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
            this.admin = Admin.create(props);
            this.topic = settings.topic;
        }

        @Override
        protected Result check() throws Exception {
            int brokers = admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size();
            admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(2, TimeUnit.SECONDS);
            return Result.healthy(brokers + " broker(s)");
        }

        @Override
        public void close() {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }

    static final class Blobs extends HealthCheck {
        private final BlobStore blobs;

        Blobs(BlobStore blobs) {
            this.blobs = blobs;
        }

        @Override
        protected Result check() throws Exception {
            blobs.check();
            return Result.healthy();
        }
    }

    static final class Tail extends HealthCheck {
        private final EventTail tail;
        private final long maxLag;

        Tail(EventTail tail, long maxLag) {
            this.tail = tail;
            this.maxLag = maxLag;
        }

        @Override
        protected Result check() {
            if (!tail.isRunning()) return Result.unhealthy("not running");
            // A partition stopped at an event this build cannot read stays stopped until an
            // upgrade: unhealthy, naming the record, never skipped (docs/events.md).
            if (!tail.stopped().isEmpty()) return Result.unhealthy(EventTail.describeStops(tail.stopped()));
            if (tail.lastFailure() != null) return Result.unhealthy("failing: " + tail.lastFailure().getMessage());
            // Before its first fetch a tail does not know its lag: a new node is not ready yet.
            if (tail.lag() < 0 && maxLag != Long.MAX_VALUE) return Result.unhealthy("not caught up with the log yet");
            if (tail.lag() > maxLag) return Result.unhealthy("replaying: lag " + tail.lag() + " events behind the log");
            return Result.healthy("lag " + tail.lag());
        }
    }
}
