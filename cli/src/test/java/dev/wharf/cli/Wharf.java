package dev.wharf.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs the {@code wharf} command in-process, as a person would type it, and keeps what it printed. */
final class Wharf {

    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Map<String, String> env;

    Wharf(Map<String, String> env) {
        this.env = new HashMap<>(env);
        this.env.putIfAbsent("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    Wharf with(String key, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(key, value);
        return new Wharf(more);
    }

    /** {@code wharf ARGS -C project}. */
    Result in(Path project, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(project.toString());
        return run(all.toArray(String[]::new));
    }

    Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WharfCommand.run(args, env, new Console(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Publishes {@code fixture} as {@code namespace:component@version} from a throw-away project
     * whose {@code [dependencies]} are {@code dependencies}, with {@code wharf publish}.
     */
    Result publish(Path workspace, String namespace, String component, String version, Path fixture, Map<String, String> dependencies)
            throws IOException {
        Path project = Files.createDirectories(workspace.resolve("publish-" + namespace + "-" + component + "-" + version));
        StringBuilder toml = new StringBuilder()
                .append("[project]\nname = \"").append(namespace).append("\"\nversion = \"").append(version).append("\"\n")
                .append("description = \"").append(component).append(" for the tests\"\nlicense = \"MIT\"\n\n")
                .append("[[component]]\nname = \"").append(component).append("\"\npath = \"").append(fixture).append("\"\n\n")
                .append("[dependencies]\n");
        dependencies.forEach((name, req) -> toml.append('"').append(name).append("\" = \"").append(req).append("\"\n"));
        Files.writeString(project.resolve("run.toml"), toml);
        return in(project, "publish");
    }

    static Path fixture(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("testdata/components");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.tsv"))) return candidate.resolve(relative);
        }
        throw new IllegalStateException("testdata/components not found above " + Path.of("").toAbsolutePath());
    }

    static String closedUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
