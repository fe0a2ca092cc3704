package dev.wharf.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.project.PackageNames;
import dev.wharf.project.ProjectError;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code wharf deprecate ns:pkg --message TEXT} / {@code --undo} (issue 10): the package stays
 * installable; its metadata carries the message and {@code wharf install} warns with it.
 */
@Command(name = "deprecate", mixinStandardHelpOptions = true,
        description = {"Mark a package deprecated (every version): it stays installable, and `wharf install` warns with the message.",
            "e.g. wharf deprecate alice:json --message \"use alice:json2 instead\"; --undo removes the mark."})
final class DeprecateCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;
    @Mixin TokenOptions auth;

    @Parameters(paramLabel = "NS:PKG", description = "The package.")
    String pkg;

    @Option(names = "--message", paramLabel = "TEXT", description = "What to use instead, or why.")
    String message;

    @Option(names = "--undo", description = "Remove the deprecation.")
    boolean undo;

    @Option(names = "--json", description = "Print the outcome as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String name = PackageNames.check(pkg);
        if (undo == (message != null)) {
            throw new ProjectError(undo ? "--undo takes no --message" : "say why with --message (e.g. \"use ns:other instead\"), or pass --undo");
        }
        if (!undo && message.isBlank()) throw new ProjectError("--message must say something");
        Console console = wharf.console;
        JsonNode answer;
        try (Session session = new Session(wharf.env, console, project)) {
            var client = session.client(session.token(auth.token));
            answer = undo ? client.undeprecate(name) : client.deprecate(name, message);
        }
        if (json) {
            // The registry's answer when it sent one; else what is now true, in the metadata's field names.
            java.util.Map<String, Object> now = new java.util.LinkedHashMap<>();
            now.put("name", name);
            now.put("deprecated", undo ? null : message);
            console.json(answer != null ? answer : now);
        } else {
            console.out().println(undo ? "Removed the deprecation of " + name : "Deprecated " + name + ": " + message);
        }
        return 0;
    }
}
