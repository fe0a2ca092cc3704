package dev.wharf.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code COMMAND --name value ...} arguments every benchmark tool takes, read one way. */
public final class BenchOptions {

    private BenchOptions() {}

    /** Options after the command word; exits with status 2 and a usage line on anything else. */
    public static Map<String, String> parse(String tool, String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) usage(tool, "options as --name value, got " + args[i]);
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    public static String required(String tool, Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) usage(tool, "--" + name);
        return value;
    }

    public static void usage(String tool, String missing) {
        System.err.println(tool + ": expected " + missing);
        System.exit(2);
    }
}
