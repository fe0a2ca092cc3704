package dev.wharf.cli;

import dev.wharf.client.TransferProgress;
import dev.wharf.install.Installer;
import dev.wharf.install.PackageSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf update [ns:pkg] [--locked] [--json]}. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Move every locked component (or just NS:PKG) to the newest version its requirements allow; rewrite run.lock and print what changed.",
            "Yanked versions are not offered; a yanked version run.lock holds stays only when nothing else fits."})
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;
    @Mixin ResolveOptions resolve;

    @Parameters(arity = "0..1", paramLabel = "NS:PKG", description = "Update only this package.")
    String pkg;

    @Option(names = "--json", description = "Print the version changes as JSON.")
    boolean json;

    @Override
    public Integer call() {
        String only = pkg == null ? null : PackageSpec.parse(pkg).name();
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            Installer installer = new Installer(session.layout(), session::client,
                    json ? TransferProgress.NONE : console.progress(), resolve.options());
            Installer.Outcome outcome = installer.update(only);
            outcome.notes().forEach(console::note);
            outcome.warnings().forEach(console::warn);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("changes", InstallCommand.changes(outcome.changes()));
                out.put("notes", outcome.notes());
                out.put("warnings", outcome.warnings());
                console.json(out);
                return 0;
            }
            if (outcome.changes().isEmpty()) {
                console.out().println("Everything is up to date; run.lock is unchanged");
                return 0;
            }
            for (Installer.VersionChange c : outcome.changes()) {
                if (c.from() == null) console.out().println("  " + c.name() + " (new) → " + c.to());
                else if (c.to() == null) console.out().println("  " + c.name() + " " + c.from() + " → (removed)");
                else console.out().println("  " + c.name() + " " + c.from() + " → " + c.to());
            }
            console.out().println("Updated " + outcome.changes().size() + (outcome.changes().size() == 1 ? " component" : " components"));
        }
        return 0;
    }
}
