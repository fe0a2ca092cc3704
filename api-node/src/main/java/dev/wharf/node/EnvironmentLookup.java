package dev.wharf.node;

import java.util.Map;
import java.util.function.Function;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookup;

/**
 * Environment substitution for the YAML config that also honours the older
 * {@code REGISTRY_}-prefixed names: {@code ${DATA_DIR}} is satisfied by {@code DATA_DIR}, else
 * {@code REGISTRY_DATA_DIR}. Set-but-empty variables count as unset, so defaults apply.
 */
public final class EnvironmentLookup implements StringLookup {

    private final Function<String, String> env;

    EnvironmentLookup(Function<String, String> env) {
        this.env = env;
    }

    public static StringSubstitutor substitutor(Map<String, String> env) {
        StringSubstitutor substitutor = new StringSubstitutor(new EnvironmentLookup(env::get));
        substitutor.setEnableUndefinedVariableException(false);
        substitutor.setEnableSubstitutionInVariables(true);
        return substitutor;
    }

    @Override
    public String lookup(String key) {
        String value = nonEmpty(env.apply(key));
        if (value == null && !key.startsWith("REGISTRY_")) value = nonEmpty(env.apply("REGISTRY_" + key));
        return value;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
