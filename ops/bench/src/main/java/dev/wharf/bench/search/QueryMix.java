package dev.wharf.bench.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The fixed queries both methods answer: exact names, prefixes while typing, one and two
 * words, typos, and filters. Each carries the text the reference method searches for with
 * {@code LIKE '%text%'}; for filters, which it cannot express, that is the filter's own words.
 */
final class QueryMix {

    record Query(String kind, String text, String referenceText) {}

    static List<Query> build(List<SyntheticCatalog.Package> packages, String[] namespaces, int size, long seed) {
        Random random = new Random(seed);
        List<Query> out = new ArrayList<>(size);
        while (out.size() < size) {
            SyntheticCatalog.Package p = packages.get(random.nextInt(packages.size()));
            String pkg = p.name().substring(p.name().indexOf(':') + 1);
            String topic = SyntheticCatalog.TOPICS[random.nextInt(SyntheticCatalog.TOPICS.length)];
            String role = SyntheticCatalog.ROLES[random.nextInt(SyntheticCatalog.ROLES.length)];
            int pick = random.nextInt(100);
            if (pick < 15) {
                out.add(new Query("exact-name", p.name(), p.name()));
            } else if (pick < 25) {
                out.add(new Query("exact-package", pkg, pkg));
            } else if (pick < 45) {
                String prefix = pkg.substring(0, Math.min(pkg.length(), 3 + random.nextInt(4)));
                out.add(new Query("prefix", prefix, prefix));
            } else if (pick < 60) {
                out.add(new Query("one-word", topic, topic));
            } else if (pick < 72) {
                out.add(new Query("two-words", topic + " " + role, topic + " " + role));
            } else if (pick < 85) {
                String word = role.length() >= 5 ? role : topic + role;
                String typo = typo(word, random);
                out.add(new Query("typo", typo, typo));
            } else {
                String ns = namespaces[random.nextInt(Math.min(namespaces.length, 20))];
                switch (random.nextInt(4)) {
                    case 0 -> out.add(new Query("filter", "exports:wasi:http/incoming-handler", "incoming-handler"));
                    case 1 -> out.add(new Query("filter", "namespace:" + ns + " " + topic, topic));
                    case 2 -> out.add(new Query("filter", "kind:module " + topic, topic));
                    default -> out.add(new Query("filter", "imports:wasi:keyvalue " + role, role));
                }
            }
        }
        return out;
    }

    /** {@code count} different queries (as far as the vocabulary allows), in the random order they were first made. */
    static List<Query> distinct(List<SyntheticCatalog.Package> packages, String[] namespaces, int count, long seed) {
        java.util.LinkedHashMap<String, Query> byText = new java.util.LinkedHashMap<>();
        for (int round = 0; round < 20 && byText.size() < count; round++) {
            for (Query q : build(packages, namespaces, count, seed + round)) {
                if (byText.size() < count) byText.putIfAbsent(q.text(), q);
            }
        }
        return new ArrayList<>(byText.values());
    }

    /**
     * A stream of {@code length} queries drawn from {@code pool} with Zipf's law (the query of
     * rank r is asked in proportion to 1/r^exponent), the shape search logs have: a few queries
     * asked all the time and a long tail asked once. The pool's order is already random, so
     * rank is unrelated to the kind of query.
     */
    static List<Query> repeating(List<Query> pool, int length, double exponent, long seed) {
        double[] cumulative = new double[pool.size()];
        double sum = 0;
        for (int r = 0; r < pool.size(); r++) {
            sum += 1.0 / Math.pow(r + 1, exponent);
            cumulative[r] = sum;
        }
        Random random = new Random(seed);
        List<Query> out = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * sum);
            out.add(pool.get(Math.min(pool.size() - 1, at < 0 ? -at - 1 : at)));
        }
        return out;
    }

    /** One edit inside the word: a swap of neighbours, a dropped letter, or a doubled one. */
    static String typo(String word, Random random) {
        int i = 1 + random.nextInt(word.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, i) + word.charAt(i + 1) + word.charAt(i) + word.substring(i + 2);
            case 1 -> word.substring(0, i) + word.substring(i + 1);
            default -> word.substring(0, i) + word.charAt(i) + word.substring(i);
        };
    }
}
