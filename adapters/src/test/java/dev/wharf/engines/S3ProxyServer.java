package dev.wharf.engines;

import dev.wharf.blob.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real S3 API on loopback for tests: S3Proxy 4.1.0 over a temporary directory, run as a
 * child JVM so its Jackson 3 and shaded Jetty stay off the test classpath. {@link #kill()} and
 * {@link #start()} stop and restart it on the same port and directory, for fault tests.
 *
 * <p>The jar comes from the adapters module's build (see {@code s3proxy.properties}); set the
 * system property {@code wharf.s3proxy.jar} to use another.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "wharf-test";
    public static final String SECRET_KEY = "wharf-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path directory;
    private final Path dataDir;
    private final Path propertiesFile;
    private final Path logFile;
    private final int port;
    private final Path jar;
    private final Thread reaper = new Thread(this::kill, "s3proxy-reaper");
    private Process process;

    private S3ProxyServer(Path directory, int port, Path jar) throws IOException {
        this.directory = directory;
        this.dataDir = Files.createDirectories(directory.resolve("data"));
        this.propertiesFile = directory.resolve("s3proxy.properties");
        this.logFile = directory.resolve("s3proxy.log");
        this.port = port;
        this.jar = jar;
        Properties config = new Properties();
        config.setProperty("s3proxy.endpoint", endpoint());
        config.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        config.setProperty("s3proxy.identity", ACCESS_KEY);
        config.setProperty("s3proxy.credential", SECRET_KEY);
        config.setProperty("jclouds.provider", "filesystem-nio2");
        config.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        config.setProperty("jclouds.identity", ACCESS_KEY);
        config.setProperty("jclouds.credential", SECRET_KEY);
        try (var out = Files.newOutputStream(propertiesFile)) {
            config.store(out, "S3Proxy for a Wharf test");
        }
        // A test JVM that ends without close() must not leave S3Proxy running.
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    /** Starts a fresh, empty S3 API on a free loopback port and returns once it answers. */
    public static S3ProxyServer launch(Path parent) throws IOException {
        Path directory = Files.createTempDirectory(parent, "s3proxy-");
        S3ProxyServer server = new S3ProxyServer(directory, freePort(), locateJar());
        server.start();
        return server;
    }

    /** As {@link #launch(Path)}, under the system temporary directory; {@link #close()} deletes it. */
    public static S3ProxyServer launch() throws IOException {
        return launch(Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Starts (again) on the same port and directory: objects written before a {@link #kill()} are still there. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) return;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", jar.toString(), "org.gaul.s3proxy.Main", "--properties", propertiesFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("LOG_LEVEL", "warn");
        builder.environment().put("JETTY_LOG_LEVEL", "warn");
        process = builder.start();
        awaitAnswer(process);
    }

    private void awaitAnswer(Process started) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(endpoint() + "/")).timeout(Duration.ofSeconds(2)).GET().build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            if (!started.isAlive()) {
                throw new IOException("S3Proxy exited with " + started.exitValue() + " before answering:\n" + logTail());
            }
            try {
                // Any HTTP answer (403 for an unsigned request) means it is serving.
                http.send(probe, HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    started.destroyForcibly();
                    throw new IOException("S3Proxy did not answer on " + endpoint() + " within " + START_TIMEOUT + ":\n" + logTail());
                }
                try {
                    // Doubles as the pause between probes, and returns early if the child dies.
                    started.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for S3Proxy", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for S3Proxy", e);
            }
        }
    }

    /** Kills the server at once, as a crash would; connections to it are refused until {@link #start()}. */
    public synchronized void kill() {
        if (process == null) return;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    public String region() {
        return REGION;
    }

    /** Where S3Proxy keeps buckets: one folder per bucket, one file per object. */
    public Path dataDir() {
        return dataDir;
    }

    /** Blob store settings for this server and {@code bucket}, path style, presigning off. */
    public S3Settings settings(String bucket) {
        S3Settings settings = new S3Settings(endpoint(), bucket, ACCESS_KEY, SECRET_KEY);
        settings.region = REGION;
        settings.pathStyle = true;
        return settings;
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it kills the same process.
        }
        deleteRecursively(directory);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The self-contained S3Proxy jar that the adapters module's build fetched. */
    static Path locateJar() {
        String override = System.getProperty("wharf.s3proxy.jar");
        if (override != null && !override.isBlank()) return existing(Path.of(override), "system property wharf.s3proxy.jar");
        Properties locations = new Properties();
        try (InputStream in = S3ProxyServer.class.getResourceAsStream("s3proxy.properties")) {
            if (in == null) throw new IllegalStateException("dev/wharf/testing/s3proxy.properties is missing from the test classpath");
            locations.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : List.of("jar", "repositoryJar")) {
            String location = locations.getProperty(key, "");
            if (!location.contains("${") && Files.isRegularFile(Path.of(location))) return Path.of(location);
        }
        throw new IllegalStateException("S3Proxy jar not found at " + locations.getProperty("jar") + " nor "
                + locations.getProperty("repositoryJar") + "; build the adapters module first "
                + "(mvn -pl adapters -am test-compile fetches it) or set -Dwharf.s3proxy.jar=PATH");
    }

    private static Path existing(Path jar, String source) {
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(source + " names " + jar + ", which does not exist");
        return jar;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: a leftover temp file must not fail the test that used the server.
                }
            });
        } catch (IOException ignored) {
            // Same: cleanup only.
        }
    }
}
