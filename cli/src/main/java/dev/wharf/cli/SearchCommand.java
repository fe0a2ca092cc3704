package dev.wharf.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wharf.wire.PackageMeta;
import dev.wharf.wire.SearchResults;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code wharf search QUERY [--limit N] [--offset N] [--json]}. */
@Command(name = "search", mixinStandardHelpOptions = true, description = "Search the registry; shows the latest version of each match.")
final class SearchCommand implements Callable<Integer> {

    private static final int DESCRIPTION_WIDTH = 60;

    @ParentCommand WharfCommand wharf;
    @Mixin ProjectOptions project;

    @Parameters(paramLabel = "QUERY", description = "Words to look for in names and descriptions.")
    String query;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many results (1-100, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--offset", defaultValue = "0", description = "Skip this many results.")
    int offset;

    @Option(names = "--json", description = "Print the registry's answer as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Console console = wharf.console;
        if (limit < 1 || limit > 100) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--limit must be between 1 and 100");
        SearchResults page;
        try (Session session = new Session(wharf.env, console, project)) {
            page = session.client().search(query, limit, Math.max(0, offset));
        }
        if (json) {
            console.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(page));
            return 0;
        }
        if (page.packages().isEmpty()) {
            console.out().println("No packages match '" + query + "'");
            return 0;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "VERSION", "DESCRIPTION"});
        for (PackageMeta p : page.packages()) rows.add(new String[] {p.name(), p.version(), shorten(p.description())});
        int nameWidth = rows.stream().mapToInt(r -> r[0].length()).max().orElse(4);
        int versionWidth = rows.stream().mapToInt(r -> r[1].length()).max().orElse(7);
        for (String[] r : rows) {
            console.out().println((pad(r[0], nameWidth) + "  " + pad(r[1], versionWidth) + "  " + r[2]).stripTrailing());
        }
        console.out().println();
        console.out().println("Showing " + (offset + 1) + "-" + (offset + page.packages().size()) + " of " + page.total()
                + (page.total() == 1 ? " package" : " packages"));
        return 0;
    }

    private static String shorten(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ").strip();
        return one.length() <= DESCRIPTION_WIDTH ? one : one.substring(0, DESCRIPTION_WIDTH - 1) + "…";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
