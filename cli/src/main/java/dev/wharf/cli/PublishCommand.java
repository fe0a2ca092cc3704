package dev.wharf.cli;

import dev.wharf.client.TransferProgress;
import dev.wharf.project.RunToml;
import dev.wharf.upload.Publisher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--json", description = "Print what was published as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            RunToml toml = session.toml();
            toml.localDependencies().forEach(d -> console.note(d.note() + "; it is not sent as a dependency of the package"));
            Publisher publisher = new Publisher(session.layout(), session.env());
            List<Publisher.Planned> planned = publisher.plan(toml, component, file);
            String resolvedToken = session.token(token);
            List<Publisher.Done> done = publisher.publish(toml, planned, build, session.client(resolvedToken),
                    json ? TransferProgress.NONE : console.progress());
            if (json) {
                List<Map<String, Object>> list = new ArrayList<>();
                for (Publisher.Done d : done) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", d.published().name());
                    m.put("version", d.published().version());
                    m.put("pending", d.published().pending());
                    m.put("status_url", d.published().statusUrl());
                    m.put("size", d.size());
                    m.put("sha256", d.sha256());
                    list.add(m);
                }
                console.json(Map.of("published", list));
                return 0;
            }
            for (Publisher.Done d : done) {
                String coordinates = d.published().name() + "@" + d.published().version();
                if (d.published().pending()) {
                    console.out().println("Accepted " + coordinates + "; the registry will apply it shortly"
                            + (d.published().statusUrl() == null ? "" : " (status: " + d.published().statusUrl() + ")"));
                } else {
                    console.out().println("Published " + coordinates + " (" + Console.bytes(d.size()) + ", sha256 " + d.sha256() + ")");
                }
            }
        }
        return 0;
    }
}
