package dev.wharf.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command shares: which project, which registry. */
public final class ProjectOptions {

    @Option(names = {"-C", "--project-dir"}, paramLabel = "DIR", description = "The project folder (default: the current folder).")
    Path projectDir = Path.of(".");

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "The registry (default: $RUN_REGISTRY_URL, else [registry].url of run.toml, else http://localhost:8080).")
    String registryUrl;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "Give up on a request that moves no byte for this long (default ${DEFAULT-VALUE}, Run's timeout); connecting may take 10 s.")
    int timeoutSeconds = 30;
}
