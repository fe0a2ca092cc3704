package dev.wharf.kafka;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.Map;

/** Where the event log lives and how its topic is provisioned. */
public class KafkaSettings {

    @JsonProperty
    public String bootstrapServers = "127.0.0.1:9092";
    @JsonProperty
    public String topic = "registry.events";
    @JsonProperty
    public int partitions = 6;
    @JsonProperty
    public short replicationFactor = 1;
    @JsonProperty
    public int minInsyncReplicas = 1;
    /** Extra client properties (security, timeouts) passed as they are to every client. */
    @JsonProperty
    public Map<String, String> clientProperties = new HashMap<>();

    /** The same settings against other brokers (an embedded broker's port is known only once it runs). */
    public KafkaSettings withBootstrapServers(String servers) {
        KafkaSettings copy = new KafkaSettings();
        copy.bootstrapServers = servers;
        copy.topic = topic;
        copy.partitions = partitions;
        copy.replicationFactor = replicationFactor;
        copy.minInsyncReplicas = minInsyncReplicas;
        copy.clientProperties = new HashMap<>(clientProperties);
        return copy;
    }

    public Map<String, Object> common() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
