package dev.wharf.cli;

import dev.wharf.wire.AuditTrailPage;
import dev.wharf.project.PackageNames;
import dev.wharf.project.ProjectError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code wharf audit [--after CURSOR] [--limit N] [--package NS:PKG] [--actor NAME] [--json]}: the audit trail, in log order. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Print the registry's audit trail: who published, yanked, deprecated, created or revoked what, in log order.",
            "Needs an admin token. The last line says how to read the next page."})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;
    @Mixin TokenOptions auth;

    @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (from the previous page).")
    String after;

    @Option(names = "--limit", defaultValue = "100", description = "At most this many entries (1-1000, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--package", paramLabel = "NS:PKG", description = "Only entries about this package.")
    String pkg;

    @Option(names = "--actor", paramLabel = "TOKEN", description = "Only entries by this token (its name or id).")
    String actor;

    @Option(names = "--json", description = "Print the registry's answer as JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1 || limit > 1000) throw new ProjectError("--limit must be between 1 and 1000");
        if (pkg != null) PackageNames.check(pkg);
        Console console = wharf.console;
        AuditTrailPage page;
        try (Session session = new Session(wharf.env, console, project)) {
            page = session.client(session.token(auth.token)).audit(after, limit, pkg, actor);
        }
        if (json) {
            console.json(page);
            return 0;
        }
        if (page.entries().isEmpty()) {
            console.out().println("No audit entries" + (after == null ? "" : " after " + after));
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"AT", "TYPE", "PACKAGE", "ACTOR", "NODE", "DETAIL"});
        for (AuditTrailPage.Entry e : page.entries()) {
            String what = e.packageName() == null ? "-" : e.packageName() + (e.version() == null ? "" : "@" + e.version());
            String who = e.actor() == null ? "-" : e.actor().tokenName() != null ? e.actor().tokenName()
                    + (e.actor().tokenId() == null || e.actor().tokenId().equals(e.actor().tokenName()) ? "" : " (" + e.actor().tokenId() + ")")
                    : TokenCommand.orDash(e.actor().tokenId());
            rows.add(new String[] {TokenCommand.orDash(e.at()), TokenCommand.orDash(e.type()), what, who,
                TokenCommand.orDash(e.node()), detail(e)});
        }
        Table.print(console, rows);
        if (page.next() != null) {
            console.out().println();
            console.out().println("More: wharf audit --after " + page.next()
                    + (pkg == null ? "" : " --package " + pkg) + (actor == null ? "" : " --actor " + actor));
        }
        return 0;
    }

    /** The event's own words on one line. */
    private static String detail(AuditTrailPage.Entry e) {
        return e.detail() == null || e.detail().isBlank() ? "-" : e.detail().replaceAll("\\s+", " ");
    }
}
