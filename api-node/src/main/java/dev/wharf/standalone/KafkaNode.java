package dev.wharf.standalone;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * One Kafka broker+controller of a local multi-broker cluster, as its own process (used by
 * ops/local-cluster and fault tests, which kill it with SIGKILL).
 *
 * <p>Usage: {@code KafkaNode NODE_ID PORT CONTROLLER_PORT VOTERS CLUSTER_ID LOG_DIR REPLICATION}
 */
public final class KafkaNode {

    private KafkaNode() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: KafkaNode NODE_ID PORT CONTROLLER_PORT VOTERS CLUSTER_ID LOG_DIR REPLICATION");
            System.exit(2);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(Path.of(args[5]), Integer.parseInt(args[0]),
                Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3], args[4], Integer.parseInt(args[6]));
        broker.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.stop();
            stopped.countDown();
        }));
        System.out.println("kafka node " + args[0] + " listening on 127.0.0.1:" + args[1]);
        stopped.await();
    }
}
