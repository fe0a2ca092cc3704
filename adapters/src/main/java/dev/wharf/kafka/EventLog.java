package dev.wharf.kafka;

import dev.wharf.events.EventCodec;
import dev.wharf.events.LogPosition;
import dev.wharf.events.RegistryEvent;
import dev.wharf.ports.EventAppender;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Appends events to the log. Idempotent and {@code acks=all}: an append completes only when
 * every in-sync replica has the record, and that is the only moment a publish may be
 * acknowledged.
 */
public final class EventLog implements EventAppender, AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public EventLog(KafkaSettings settings, Duration deliveryTimeout) {
        Map<String, Object> props = settings.common();
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        int timeout = (int) deliveryTimeout.toMillis();
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 30_000));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + 1);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        this.topic = settings.topic;
    }

    @Override
    public CompletableFuture<LogPosition> append(RegistryEvent event) {
        CompletableFuture<LogPosition> result = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), EventCodec.encode(event)), (meta, error) -> {
                if (error != null) result.completeExceptionally(error);
                else result.complete(new LogPosition(meta.partition(), meta.offset()));
            });
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
