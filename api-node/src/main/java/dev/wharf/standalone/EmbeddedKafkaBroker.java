package dev.wharf.standalone;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft) broker inside this JVM, for standalone mode and tests.
 * Its log lives under the data directory; starting again on the same directory keeps every
 * event. Alone, every append is fsynced before it is acknowledged: with one broker there is no
 * replica to recover from, so the disk must hold it. {@link KafkaNode} runs the same class as
 * one member of a multi-broker cluster in its own process.
 */
public final class EmbeddedKafkaBroker implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final Path logDir;
    private final int requestedPort;
    private final int nodeId;
    private final int requestedControllerPort;
    private final String voters;
    private final String clusterId;
    private final int replication;
    private KafkaRaftServer server;
    private int port;

    /** A single-node cluster (standalone): random free ports unless {@code port} is given. */
    public EmbeddedKafkaBroker(Path logDir, int port) {
        this(logDir, 1, port, 0, null, null, 1);
    }

    /**
     * One node of a multi-node KRaft cluster: every node is broker and controller, {@code voters}
     * lists them all ({@code 1@127.0.0.1:9193,2@...}), and all share {@code clusterId}.
     */
    public EmbeddedKafkaBroker(Path logDir, int nodeId, int port, int controllerPort, String voters, String clusterId,
                               int replication) {
        this.logDir = logDir;
        this.requestedPort = port;
        this.nodeId = nodeId;
        this.requestedControllerPort = controllerPort;
        this.voters = voters;
        this.clusterId = clusterId;
        this.replication = replication;
    }

    @Override
    public synchronized void start() throws Exception {
        if (server != null) return;
        int[] free = freePorts();
        port = requestedPort > 0 ? requestedPort : free[0];
        int controllerPort = requestedControllerPort > 0 ? requestedControllerPort : free[1];
        Files.createDirectories(logDir);
        String rf = Integer.toString(replication);
        String minIsr = Integer.toString(Math.max(1, replication - 1));
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.quorum.voters", voters != null ? voters : nodeId + "@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("metadata.log.dir", logDir.toString());
        props.put("offsets.topic.replication.factor", rf);
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", rf);
        props.put("transaction.state.log.min.isr", minIsr);
        props.put("share.coordinator.state.topic.replication.factor", rf);
        props.put("share.coordinator.state.topic.min.isr", minIsr);
        props.put("default.replication.factor", rf);
        props.put("min.insync.replicas", minIsr);
        props.put("unclean.leader.election.enable", "false");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        if (replication == 1) {
            // One broker has no replica to recover from: the disk must hold every acknowledged record.
            props.put("log.flush.interval.messages", "1");
        }
        props.put("num.partitions", "1");
        // The log cleaner's thread allocates its whole dedupe buffer on the heap at start-up:
        // 128 MiB by default, a quarter of a standalone node's memory target (issue 12). Only
        // Kafka's own compacted topics use it (the registry topic is never compacted): consumer
        // offsets of a handful of groups. 8 MiB holds ~300,000 keys (24 bytes each, 0.9 load).
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        KafkaConfig config = KafkaConfig.fromProps(props, false);

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Formatter formatter = new Formatter()
                    .setNodeId(nodeId)
                    .setClusterId(clusterId != null ? clusterId : randomClusterId())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logDir.toString())
                    .setDirectories(java.util.List.of(logDir.toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            formatter.run();
        }
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        LOG.info("embedded Kafka broker on 127.0.0.1:{} (data {})", port, logDir);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public synchronized void stop() {
        if (server == null) return;
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    private static String randomClusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    /**
     * Two distinct free ports, both held open while the second is chosen: asked one after the
     * other, the kernel handed the same port back twice (CI, stop 16: "two listeners on the same
     * port"), and the broker refused to start.
     */
    static int[] freePorts() throws IOException {
        var loopback = java.net.InetAddress.getLoopbackAddress();
        try (ServerSocket first = new ServerSocket(0, 1, loopback);
             ServerSocket second = new ServerSocket(0, 1, loopback)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        }
    }
}
