package dev.wharf.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Environment substitution for the YAML configs of the api-node and the indexer, which also
 * honours the older {@code REGISTRY_}-prefixed names: {@code ${DATA_DIR}} is satisfied by
 * {@code DATA_DIR}, else {@code REGISTRY_DATA_DIR}. Set-but-empty variables count as unset, so
 * defaults apply.
 *
 * <p>A variable written without a default ({@code ${S3_SECRET_KEY}}, not
 * {@code ${S3_SECRET_KEY:-...}}) is required: substitution stops with one sentence naming every
 * such variable that is unset, so a cluster never starts on development credentials.
 */
public final class EnvironmentLookup implements StringLookup {

    static final String ALIAS_PREFIX = "REGISTRY_";

    /** {@code ${NAME}} with nothing after the name: no {@code :-default}. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}");

    private final Function<String, String> env;

    EnvironmentLookup(Function<String, String> env) {
        this.env = env;
    }

    public static StringSubstitutor substitutor(Map<String, String> env) {
        EnvironmentLookup lookup = new EnvironmentLookup(env::get);
        StringSubstitutor substitutor = new StringSubstitutor(lookup) {
            // Dropwizard's SubstitutingSourceProvider and the tests' config writers call this one.
            @Override
            public String replace(String source) {
                lookup.requireSet(source);
                return super.replace(source);
            }
        };
        substitutor.setEnableUndefinedVariableException(false);
        substitutor.setEnableSubstitutionInVariables(true);
        return substitutor;
    }

    @Override
    public String lookup(String key) {
        String value = nonEmpty(env.apply(key));
        if (value == null && !key.startsWith(ALIAS_PREFIX)) value = nonEmpty(env.apply(ALIAS_PREFIX + key));
        return value;
    }

    /** Throws {@link MissingVariables} naming each default-less variable of the template that is unset. */
    void requireSet(String template) {
        if (template == null) return;
        Set<String> missing = new LinkedHashSet<>();
        for (String line : template.split("\n", -1)) {
            if (line.stripLeading().startsWith("#")) continue;   // comments may say "${VAR}"
            Matcher m = REQUIRED.matcher(line);
            while (m.find()) {
                if (lookup(m.group(1)) == null) missing.add(m.group(1));
            }
        }
        if (!missing.isEmpty()) throw new MissingVariables(List.copyOf(missing));
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** The config names variables that have no default and are not set. */
    public static final class MissingVariables extends IllegalArgumentException {

        private final List<String> names;

        MissingVariables(List<String> names) {
            super(sentence(names));
            this.names = names;
        }

        public List<String> names() {
            return names;
        }

        private static String sentence(List<String> names) {
            List<String> aliases = new ArrayList<>();
            for (String name : names) aliases.add(ALIAS_PREFIX + name);
            boolean one = names.size() == 1;
            return "Set " + join(names) + " (or " + join(aliases) + ") in the environment: the config requires "
                    + (one ? "it and has no default for it" : "them and has no default for them")
                    + " (credentials are never defaulted in cluster mode).";
        }

        private static String join(List<String> names) {
            if (names.size() == 1) return names.get(0);
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
    }
}
