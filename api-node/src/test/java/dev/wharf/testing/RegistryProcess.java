package dev.wharf.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A standalone registry in a child JVM, so a test can kill it with SIGKILL (no shutdown
 * hooks, no flush) and start it again on the same data directory.
 */
public final class RegistryProcess implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> env;
    private final int port;
    private Process process;

    public RegistryProcess(Path dataDir, Map<String, String> env) throws IOException {
        this.dataDir = dataDir;
        this.env = env;
        this.port = RunningRegistry.freePort();
    }

    public RegistryProcess start() throws IOException, InterruptedException {
        return start(Duration.ofSeconds(90));
    }

    /** As {@link #start()}, waiting up to {@code healthyWithin} for /health (a loaded machine starts a broker slowly). */
    public RegistryProcess start(Duration healthyWithin) throws IOException, InterruptedException {
        Path config = RunningRegistry.writeConfig(dataDir, withPort());
        List<String> command = ChildJvm.command();
        command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "dev.wharf.node.WharfApplication", "server", config.toString()));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("node.log").toFile()))
                .start();
        awaitHealthy(healthyWithin);
        return this;
    }

    private Map<String, String> withPort() {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("PORT", Integer.toString(port));
        all.put("ADMIN_PORT", "0");
        return all;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** SIGKILL: the process gets no chance to flush or shut down. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IOException("registry process exited; see " + dataDir.resolve("node.log"));
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("registry process not healthy within " + timeout);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) kill();
        }
    }
}
