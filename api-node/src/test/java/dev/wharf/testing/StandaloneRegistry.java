package dev.wharf.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One standalone registry for a whole test class, publishing with the admin token
 * {@value #ADMIN_TOKEN}: started before the class's own {@code @BeforeAll} (which publishes what
 * its tests read) and closed, its data removed, after the class's {@code @AfterAll}. Register it
 * as {@code @RegisterExtension static final StandaloneRegistry registry = new StandaloneRegistry();}.
 */
public final class StandaloneRegistry implements BeforeAllCallback, AfterAllCallback {

    public static final String ADMIN_TOKEN = "admin-secret";

    private Path data;
    private RunningRegistry registry;
    private RunProtocol run;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("wharf-test-");
        registry = RunningRegistry.start(data, Map.of("REGISTRY_ADMIN_TOKEN", ADMIN_TOKEN));
        run = new RunProtocol(registry.url());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (registry != null) registry.close();
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public URI url() {
        return registry.url();
    }

    /** The admin port: health checks, tasks, {@code /metrics}. */
    public URI adminUrl() {
        return registry.adminUrl();
    }

    /** A client speaking the Run protocol to this registry. */
    public RunProtocol run() {
        return run;
    }
}
