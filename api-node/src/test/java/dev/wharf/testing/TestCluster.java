package dev.wharf.testing;

import dev.wharf.engines.PostgresDatabase;
import dev.wharf.engines.S3ProxyServer;
import dev.wharf.config.EnvironmentLookup;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The cluster topology as child processes on this machine: Kafka brokers (KRaft), an S3 API
 * server (S3Proxy), PostgreSQL (the local server, a fresh schema), indexers and api-nodes,
 * each started from the real main classes and configs (ops/config/*.yml). Any of them can be
 * killed with SIGKILL and started again, which is what the fault tests do.
 */
public final class TestCluster implements AutoCloseable {

    private final Path dir;
    private final int brokers;
    private final S3ProxyServer s3;
    private final PostgresDatabase postgres;
    private final String clusterId;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, Map<String, String>> settings = new HashMap<>();
    private final String bootstrap;
    private final String voters;

    private TestCluster(Path dir, int brokers) throws IOException {
        this.dir = dir;
        this.brokers = brokers;
        this.s3 = S3ProxyServer.launch(dir);
        this.postgres = PostgresDatabase.create();
        this.clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        List<String> bootstrapList = new ArrayList<>();
        List<String> voterList = new ArrayList<>();
        for (int i = 1; i <= brokers; i++) {
            int port = RunningRegistry.freePort();
            int controller = RunningRegistry.freePort();
            ports.put("kafka-" + i, port);
            ports.put("kafka-" + i + "-controller", controller);
            bootstrapList.add("127.0.0.1:" + port);
            voterList.add(i + "@127.0.0.1:" + controller);
        }
        this.bootstrap = String.join(",", bootstrapList);
        this.voters = String.join(",", voterList);
    }

    /** Starts brokers, indexers and nodes, and waits until every node answers /health. */
    public static TestCluster start(Path dir, int brokers, int indexers, int nodes) throws Exception {
        TestCluster cluster = new TestCluster(dir, brokers);
        for (int i = 1; i <= brokers; i++) cluster.start("kafka-" + i);
        for (int i = 1; i <= indexers; i++) cluster.start("indexer-" + i);
        for (int i = 1; i <= nodes; i++) cluster.start("node-" + i);
        for (int i = 1; i <= nodes; i++) cluster.awaitHealthy("node-" + i, Duration.ofSeconds(180));
        return cluster;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    public PostgresDatabase postgres() {
        return postgres;
    }

    public S3ProxyServer s3() {
        return s3;
    }

    public URI node(int i) {
        return URI.create("http://127.0.0.1:" + ports.get("node-" + i));
    }

    /** Where a process writes its output (a test may look for what it logged). */
    public Path log(String name) {
        return dir.resolve("logs").resolve(name + ".log");
    }

    public URI admin(String name) {
        return URI.create("http://127.0.0.1:" + ports.get(name + "-admin"));
    }

    /** Starts (or restarts) a node or an indexer with these environment settings over the defaults; they stay for its restarts. */
    public synchronized void start(String name, Map<String, String> environment) throws Exception {
        settings.put(name, Map.copyOf(environment));
        start(name);
    }

    /** Starts (or restarts) one process: kafka-N, indexer-N, node-N, or s3. */
    public synchronized void start(String name) throws Exception {
        if (name.equals("s3")) {
            s3.start();
            return;
        }
        Process old = processes.get(name);
        if (old != null && old.isAlive()) return;
        List<String> command = ChildJvm.command();
        command.addAll(List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        String kind = name.substring(0, name.indexOf('-'));
        int n = Integer.parseInt(name.substring(name.indexOf('-') + 1));
        switch (kind) {
            case "kafka" -> command.addAll(List.of("dev.wharf.standalone.KafkaNode", Integer.toString(n),
                    ports.get(name).toString(), ports.get(name + "-controller").toString(), voters, clusterId,
                    dir.resolve(name).toString(), Integer.toString(Math.min(3, brokers))));
            case "indexer" -> command.addAll(List.of("dev.wharf.indexer.IndexerApplication", "server",
                    config(name, "indexer.yml").toString()));
            case "node" -> command.addAll(List.of("dev.wharf.node.WharfApplication", "server",
                    config(name, "cluster-node.yml").toString()));
            default -> throw new IllegalArgumentException(name);
        }
        Files.createDirectories(dir.resolve("logs"));
        processes.put(name, new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("logs").resolve(name + ".log").toFile()))
                .start());
    }

    private Path config(String name, String template) throws IOException {
        Map<String, String> vars = new HashMap<>();
        int port = ports.computeIfAbsent(name, k -> freePortQuietly());
        int admin = ports.computeIfAbsent(name + "-admin", k -> freePortQuietly());
        vars.put("PORT", Integer.toString(port));
        vars.put("ADMIN_PORT", Integer.toString(admin));
        vars.put("BIND_HOST", "127.0.0.1");
        vars.put("NODE_ID", name);
        vars.put("DATA_DIR", dir.resolve(name).toString());
        vars.put("SEARCH_INDEX_DIR", dir.resolve(name).resolve("search").toString());
        vars.put("REGISTRY_URL", "http://127.0.0.1:" + port);
        vars.put("REGISTRY_ADMIN_TOKEN", "admin-secret");
        vars.put("KAFKA_BOOTSTRAP", bootstrap);
        vars.put("KAFKA_REPLICATION_FACTOR", Integer.toString(Math.min(3, brokers)));
        vars.put("KAFKA_MIN_INSYNC_REPLICAS", Integer.toString(Math.max(1, Math.min(3, brokers) - 1)));
        vars.put("POSTGRES_URL", postgres.jdbcUrl());
        vars.put("POSTGRES_USER", postgres.user());
        // Required by the cluster configs; the test server trusts local connections and ignores it.
        vars.put("POSTGRES_PASSWORD", "trust-ignores-this");
        vars.put("S3_ENDPOINT", s3.endpoint());
        vars.put("S3_ACCESS_KEY", s3.accessKey());
        vars.put("S3_SECRET_KEY", s3.secretKey());
        vars.put("S3_BUCKET", "wharf-blobs");
        vars.put("PUBLISH_ACK_TIMEOUT", "5s");
        vars.put("APPEND_TIMEOUT", "8s");
        vars.put("DOWNLOAD_FLUSH_INTERVAL", "500ms");
        vars.putAll(settings.getOrDefault(name, Map.of()));
        String text = Files.readString(opsConfig().resolve(template));
        Path config = dir.resolve(name + ".yml");
        Files.writeString(config, EnvironmentLookup.substitutor(vars).replace(text));
        return config;
    }

    private static Path opsConfig() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("ops/config/cluster-node.yml"))) return d.resolve("ops/config");
        }
        throw new IllegalStateException("ops/config not found above " + Path.of("").toAbsolutePath());
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public synchronized void kill(String name) throws InterruptedException {
        if (name.equals("s3")) {
            s3.kill();
            return;
        }
        Process p = processes.get(name);
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    public boolean isAlive(String name) {
        Process p = processes.get(name);
        return p != null && p.isAlive();
    }

    public void awaitHealthy(String name, Duration timeout) throws Exception {
        URI health = name.startsWith("node-") ? node(Integer.parseInt(name.substring(5))).resolve("/health")
                : admin(name).resolve("/healthcheck");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive(name)) throw new IllegalStateException(name + " exited; see " + dir.resolve("logs/" + name + ".log"));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " not healthy within " + timeout + "; see " + dir.resolve("logs/" + name + ".log"));
    }

    private static int freePortQuietly() {
        try {
            return RunningRegistry.freePort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(names);
        for (String name : names) {
            Process p = processes.get(name);
            if (p.isAlive()) {
                p.destroy();
                try {
                    if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
        s3.close();
        postgres.close();
    }
}
