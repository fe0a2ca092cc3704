package dev.wharf.cli;

import dev.wharf.client.Endpoints;
import dev.wharf.client.RegistryClient;
import dev.wharf.project.ProjectLayout;
import dev.wharf.project.RegistrySettings;
import dev.wharf.project.RunToml;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

/**
 * One command's view of the project and the registry, with Run's precedence rules: the URL from
 * {@code --registry-url}, else {@code RUN_REGISTRY_URL}, else {@code [registry].url}, else
 * {@code http://localhost:8080}; the token from {@code --token}, else {@code RUN_AUTH_TOKEN},
 * else {@code [registry].auth_token} (with a warning: that one tends to get committed).
 */
final class Session implements AutoCloseable {

    static final String DEFAULT_URL = "http://localhost:8080";

    private final Map<String, String> env;
    private final Console console;
    private final ProjectOptions options;
    private final ProjectLayout layout;
    private RunToml toml;
    private RegistryClient client;

    Session(Map<String, String> env, Console console, ProjectOptions options) {
        this.env = env;
        this.console = console;
        this.options = options;
        this.layout = new ProjectLayout(options.projectDir);
    }

    ProjectLayout layout() {
        return layout;
    }

    Map<String, String> env() {
        return env;
    }

    /** {@code run.toml}, read once; {@code null} when the project has none. */
    RunToml tomlIfPresent() {
        if (toml == null && Files.exists(layout.runToml())) toml = RunToml.read(layout.runToml());
        return toml;
    }

    RunToml toml() {
        RunToml t = tomlIfPresent();
        return t != null ? t : RunToml.read(layout.runToml()); // reports the missing file
    }

    private RegistrySettings settings() {
        RunToml t = tomlIfPresent();
        return t == null ? RegistrySettings.NONE : t.registry();
    }

    String registryUrl() {
        if (notBlank(options.registryUrl)) return options.registryUrl;
        if (notBlank(env.get("RUN_REGISTRY_URL"))) return env.get("RUN_REGISTRY_URL");
        if (notBlank(settings().url())) return settings().url();
        return DEFAULT_URL;
    }

    String token(String flag) {
        if (notBlank(flag)) return flag;
        if (notBlank(env.get("RUN_AUTH_TOKEN"))) return env.get("RUN_AUTH_TOKEN");
        String fromToml = settings().authToken();
        if (notBlank(fromToml)) {
            console.warn("using [registry].auth_token from run.toml; keep tokens out of files you commit (prefer RUN_AUTH_TOKEN)");
            return fromToml;
        }
        return null;
    }

    RegistryClient client() {
        return client(null);
    }

    RegistryClient client(String token) {
        if (client == null) {
            if (options.timeoutSeconds < 1) {
                throw new dev.wharf.project.ProjectError("--timeout must be at least 1 second");
            }
            client = new RegistryClient(Endpoints.of(registryUrl(), settings().mirrors())
                    .withTimeouts(Duration.ofSeconds(options.timeoutSeconds), Endpoints.DEFAULT_CONNECT_TIMEOUT), token);
        }
        return client;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    @Override
    public void close() {
        if (client != null) client.close();
    }
}
