package dev.wharf.indexer;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.wharf.kafka.KafkaSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The indexer service's configuration; see ops/config/indexer.yml. */
public class IndexerConfiguration extends Configuration {

    /** Indexers sharing a group id share the partitions: one active per partition, the rest standby. */
    @JsonProperty @NotNull
    public String groupId = "wharf-indexer";

    /** Lag (events behind the log) above which the health check reports unhealthy. */
    @JsonProperty
    public long maxHealthyLag = 100_000;

    @JsonProperty @Valid @NotNull
    public KafkaSettings kafka = new KafkaSettings();

    @JsonProperty @Valid @NotNull
    public DataSourceFactory database = new DataSourceFactory();
}
