package dev.wharf.indexer;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.health.HealthCheck;
import dev.wharf.config.EnvironmentLookup;
import dev.wharf.projection.EventTail;
import dev.wharf.kafka.EventTopic;
import dev.wharf.projection.MetadataProjection;
import dev.wharf.metadata.MetadataStore;
import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import java.util.Map;

/**
 * The indexer: consumes the event log in a consumer group and applies it to the metadata
 * store, each batch in one transaction with its offsets. Run two or more: Kafka's group
 * rebalance makes one active per partition and the others standby, and the offset fence in
 * the store makes a late or zombie member unable to apply anything twice.
 */
public class IndexerApplication extends Application<IndexerConfiguration> {

    public static void main(String[] args) throws Exception {
        new IndexerApplication().run(args);
    }

    @Override
    public String getName() {
        return "wharf-indexer";
    }

    @Override
    public void initialize(Bootstrap<IndexerConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(configurationSource(System.getenv()));
    }

    /**
     * The config file with ${VAR:-default} filled from env, REGISTRY_-prefixed aliases included,
     * as the api-node does (README, Environment); a variable without a default is required.
     */
    static ConfigurationSourceProvider configurationSource(Map<String, String> env) {
        return new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), EnvironmentLookup.substitutor(env));
    }

    @Override
    public void run(IndexerConfiguration config, Environment environment) throws Exception {
        EventTopic.ensure(config.kafka);
        ManagedDataSource dataSource = config.database.build(environment.metrics(), "metadata");
        MetadataStore.migrate(dataSource);
        MetadataStore metadata = new MetadataStore(new JdbiFactory().build(environment, config.database, dataSource, "metadata"));

        EventTail tail = EventTail.inGroup(config.kafka, new MetadataProjection(metadata), config.groupId);
        environment.lifecycle().manage(new Managed() {
            @Override
            public void start() {
                tail.start();
            }

            @Override
            public void stop() {
                tail.close();
            }
        });
        environment.metrics().register("indexer.lag", (Gauge<Long>) tail::lag);
        environment.metrics().register("indexer.partitions", (Gauge<Integer>) () -> tail.ownedPartitions().size());
        environment.healthChecks().register("projection", new HealthCheck() {
            @Override
            protected Result check() {
                if (!tail.isRunning()) return Result.unhealthy("not running");
                if (!tail.stopped().isEmpty()) return Result.unhealthy(EventTail.describeStops(tail.stopped()));
                if (tail.lastFailure() != null) return Result.unhealthy("failing: " + tail.lastFailure().getMessage());
                if (tail.lag() > config.maxHealthyLag) return Result.unhealthy("lag " + tail.lag());
                return Result.healthy("partitions " + tail.ownedPartitions() + ", lag " + tail.lag());
            }
        });
        environment.jersey().register(new IndexerStatusResource(tail));
    }
}
