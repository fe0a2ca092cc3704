package dev.wharf.testing;

import dev.wharf.config.EnvironmentLookup;
import dev.wharf.node.WharfApplication;
import dev.wharf.node.WharfConfiguration;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real standalone registry inside the test JVM: the bundled standalone.yml, with the given
 * environment variables, on free loopback ports, with its embedded Kafka broker, SQLite and
 * file blobs under {@code dataDir}. Start it again on the same directory to test restarts.
 */
public final class RunningRegistry implements AutoCloseable {

    private final DropwizardTestSupport<WharfConfiguration> support;
    private final URI url;
    private final int adminPort;

    private RunningRegistry(DropwizardTestSupport<WharfConfiguration> support, URI url, int adminPort) {
        this.support = support;
        this.url = url;
        this.adminPort = adminPort;
    }

    static {
        // An embedded broker that outlives its temp directory must fail its test, not call
        // System.exit and take the whole test JVM down with it.
        org.apache.kafka.common.utils.internals.Exit.setExitProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to exit(" + code + "): " + message);
        });
        org.apache.kafka.common.utils.internals.Exit.setHaltProcedure((code, message) -> {
            throw new IllegalStateException("Kafka asked to halt(" + code + "): " + message);
        });
    }

    public static RunningRegistry start(Path dataDir, Map<String, String> env) {
        try {
            Path config = writeConfig(dataDir, env);
            DropwizardTestSupport<WharfConfiguration> support =
                    new DropwizardTestSupport<>(WharfApplication.class, config.toString());
            try {
                support.before();
            } catch (Exception | Error e) {
                support.after();
                throw e;
            }
            int port = support.getLocalPort();
            RunningRegistry registry = new RunningRegistry(support, URI.create("http://127.0.0.1:" + port), support.getAdminPort());
            try {
                registry.awaitHealthy(Duration.ofSeconds(60));
            } catch (Exception | Error e) {
                support.after();
                throw e;
            }
            return registry;
        } catch (Exception e) {
            throw new IllegalStateException("standalone registry did not start: " + e.getMessage(), e);
        }
    }

    /** The bundled standalone config, with {@code env} substituted exactly as the real launcher does. */
    public static Path writeConfig(Path dataDir, Map<String, String> env) throws IOException {
        Files.createDirectories(dataDir);
        Map<String, String> vars = new HashMap<>(env);
        int port = vars.containsKey("PORT") ? Integer.parseInt(vars.get("PORT")) : freePort();
        vars.put("PORT", Integer.toString(port));
        vars.putIfAbsent("ADMIN_PORT", Integer.toString(freePort()));
        vars.putIfAbsent("BIND_HOST", "127.0.0.1");
        vars.put("DATA_DIR", dataDir.toAbsolutePath().toString());
        vars.putIfAbsent("REGISTRY_URL", "http://127.0.0.1:" + port);
        vars.putIfAbsent("DOWNLOAD_FLUSH_INTERVAL", "200ms");
        String template;
        try (InputStream in = RunningRegistry.class.getResourceAsStream("/standalone.yml")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path config = dataDir.resolve("wharf-test.yml");
        Files.writeString(config, EnvironmentLookup.substitutor(vars).replace(template));
        return config;
    }

    /**
     * A started registry is one a load balancer would send traffic to: /health answers 200 only
     * once the node's search replica has measured its lag, a moment after the HTTP port opens.
     */
    private void awaitHealthy(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(5)).build();
        // A probe that times out on a loaded machine (the first request warms up the health
        // checks' Kafka client) is one more attempt within the deadline, not a failed start.
        String last = Eventually.await(timeout, () -> {
            try {
                HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 ? "" : r.statusCode() + " " + r.body();
            } catch (java.net.http.HttpTimeoutException slow) {
                return "no answer within 5 s";
            }
        }, String::isEmpty);
        if (!last.isEmpty()) {
            throw new IllegalStateException("standalone registry not healthy within " + timeout + ": " + last);
        }
    }

    public URI url() {
        return url;
    }

    public URI adminUrl() {
        return URI.create("http://127.0.0.1:" + adminPort);
    }

    public WharfConfiguration configuration() {
        return support.getConfiguration();
    }

    @Override
    public void close() {
        support.after();
    }

    /** Ports already handed out in this JVM; see {@link #freePort()}. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * A free loopback port not handed out before in this JVM. The kernel may give the same
     * ephemeral port to two calls in a row once the first socket is closed (CI, stop 16: an
     * embedded broker's two listeners got one port), and a test often asks for a node's port
     * and its admin or controller port together.
     */
    public static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) return socket.getLocalPort();
            }
        }
        throw new IOException("no free loopback port not handed out before in 100 attempts");
    }
}
