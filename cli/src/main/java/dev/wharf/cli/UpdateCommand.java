package dev.wharf.cli;

import dev.wharf.install.Installer;
import dev.wharf.install.PackageSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf update [ns:pkg]}. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = "Move every locked component (or just NS:PKG) to the newest version its requirements allow; rewrite run.lock and print what changed.")
final class UpdateCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Parameters(arity = "0..1", paramLabel = "NS:PKG", description = "Update only this package.")
    String pkg;

    @Override
    public Integer call() {
        String only = pkg == null ? null : PackageSpec.parse(pkg).name();
        Console console = wharf.console;
        try (Session session = new Session(wharf.env, console, project)) {
            Installer.Outcome outcome = new Installer(session.layout(), session::client, console.progress()).update(only);
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
