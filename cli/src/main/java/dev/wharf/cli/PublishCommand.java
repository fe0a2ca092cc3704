package dev.wharf.cli;

import dev.wharf.project.RunToml;
import dev.wharf.upload.Publisher;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wharf publish [--component NAME] [--file PATH] [--build] [--token TOKEN]}. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
            "Publish each [[component]] of run.toml as <project.name>:<component.name>@<project.version>,",
            "with the project's description, license, repository and [dependencies].",
            "The artifact is the component's `path`; else its `source` when that is a .wasm;",
            "else <build.output_dir>/<name>.wasm (target/wasm/<name>.wasm by default), where Run's build puts it."})
final class PublishCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Option(names = "--component", paramLabel = "NAME", description = "Publish only this component.")
    String component;

    @Option(names = "--file", paramLabel = "PATH", description = "Publish this .wasm instead of the built artifact (one component).")
    Path file;

    @Option(names = "--build", description = "Run the component's build first (its build command, or its language's toolchain).")
    boolean build;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Publish token (default: $RUN_AUTH_TOKEN, else [registry].auth_token of run.toml).")
    String token;

    @Override
    public Integer call() {
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            RunToml toml = session.toml();
            Publisher publisher = new Publisher(session.layout(), session.env());
            List<Publisher.Planned> planned = publisher.plan(toml, component, file);
            String resolvedToken = session.token(token);
            for (Publisher.Done done : publisher.publish(toml, planned, build, session.client(resolvedToken), console.progress())) {
                String coordinates = done.published().name() + "@" + done.published().version();
                if (done.published().pending()) {
                    console.out().println("Accepted " + coordinates + "; the registry will apply it shortly"
                            + (done.published().statusUrl() == null ? "" : " (status: " + done.published().statusUrl() + ")"));
                } else {
                    console.out().println("Published " + coordinates + " (" + Console.bytes(done.size()) + ", sha256 " + done.sha256() + ")");
                }
            }
        }
        return 0;
    }
}
