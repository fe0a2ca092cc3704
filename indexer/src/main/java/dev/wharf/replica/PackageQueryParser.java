package dev.wharf.replica;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Turns what a person types into a Lucene query. There is no Lucene syntax to get wrong: text
 * is split into words by us, and the only operators are the filters we recognise
 * ({@code namespace:}, {@code exports:}, {@code imports:}, {@code kind:}); anything else is
 * text. Relevance, from strongest to weakest: the exact name, the package part as typed, a
 * prefix of it, a kebab-case part of the name, what it exports, the description, what it
 * imports. Words the index has never seen are looked up with typo tolerance.
 */
final class PackageQueryParser {

    // Constant scores for name signals so the order between them does not depend on corpus statistics.
    static final float EXACT_NAME = 100f;
    static final float EXACT_PACKAGE = 60f;
    static final float EXACT_LAST_SEGMENT = 40f;
    static final float PACKAGE_PREFIX = 20f;
    static final float NAME_PART = 12f;
    static final float NAME_PART_PREFIX = 5f;
    static final float NAME_PART_FUZZY = 6f;
    static final float INTERFACE_KEY = 30f;
    static final float EXPORT_WORD = 3f;
    static final float IMPORT_WORD = 0.5f;
    static final float DESCRIPTION_FUZZY = 0.5f;

    // Bounds that keep any typed text far below Lucene's clause limit and cheap to run.
    static final int MAX_WORDS = 12;
    static final int MAX_FILTERS = 8;
    static final int MAX_FUZZY_LENGTH = 32;
    static final int MAX_FUZZY_WORDS = 4;

    private static final Analyzer DESCRIPTION_ANALYZER = new EnglishAnalyzer();
    private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    // Building a typo automaton costs more than running it; the same guesses recur (people make
    // the same typos), and an automaton does not depend on the index it runs against. Bounded in
    // bytes: a two-edit automaton takes 85 KB for a nine-letter word and 0.5 MB for 32 letters,
    // and anyone can type new words.
    private final Cache<Guess, CompiledAutomaton> guesses = Caffeine.newBuilder()
            .maximumWeight(32L << 20)
            .<Guess, CompiledAutomaton>weigher((guess, automaton) -> (int) Math.min(Integer.MAX_VALUE, automaton.ramBytesUsed()))
            .build();

    private record Guess(String text, int edits) {}

    // A term's place in each segment's dictionary, per index version. Queries differ but their
    // words do not (a registry's vocabulary is small), and finding a term in a segment's
    // dictionary is a fifth of the work of an uncached query. The version in the key keeps an
    // entry from ever serving another index; forgetTerms drops the old ones on refresh, since
    // no later search can use them.
    private final Cache<TermAt, TermStates> terms = Caffeine.newBuilder().maximumSize(20_000).build();

    private record TermAt(Term term, long indexVersion) {}

    /** Called when the replica moves to a new index version. */
    void forgetTerms() {
        terms.invalidateAll();
    }

    /** Built with statistics, so every segment's state is loaded up front and the result is read-only: safe to share between searches. */
    private TermStates states(IndexSearcher searcher, Term term) {
        long version = ((DirectoryReader) searcher.getIndexReader()).getVersion();
        return terms.get(new TermAt(term, version), key -> {
            try {
                return TermStates.build(searcher, key.term(), true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** How documents are analysed at index time; the query side mirrors it field by field. */
    static Analyzer indexAnalyzer() {
        return new PerFieldAnalyzerWrapper(new WhitespaceAnalyzer(), Map.of(
                PackageDocument.DESCRIPTION, new EnglishAnalyzer(),
                PackageDocument.PKG_PREFIXES, prefixes(new KeywordAnalyzer()),
                PackageDocument.PART_PREFIXES, prefixes(new WhitespaceAnalyzer())));
    }

    private static Analyzer prefixes(Analyzer words) {
        return new AnalyzerWrapper(words.getReuseStrategy()) {
            @Override
            protected Analyzer getWrappedAnalyzer(String fieldName) {
                return words;
            }

            @Override
            protected TokenStreamComponents wrapComponents(String fieldName, TokenStreamComponents components) {
                return new TokenStreamComponents(components.getSource(), new EdgeNGramTokenFilter(components.getTokenStream(),
                        PackageDocument.MIN_PREFIX, PackageDocument.MAX_PREFIX, false));
            }
        };
    }

    /** A query split into free text and filters; the filters never contribute to the score. */
    record Parsed(List<String> words, String rawText, List<Query> filters) {
        boolean hasText() {
            return !words.isEmpty();
        }
    }

    Parsed split(String text) {
        List<String> textTokens = new ArrayList<>();
        List<Query> filters = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).strip().split("\\s+")) {
            if (token.isEmpty()) continue;
            Query filter = filters.size() < MAX_FILTERS ? filter(token) : null;
            if (filter != null) filters.add(filter);
            else textTokens.add(token);
        }
        String raw = String.join(" ", textTokens);
        List<String> words = words(raw);
        return new Parsed(words.size() > MAX_WORDS ? List.copyOf(words.subList(0, MAX_WORDS)) : words, raw, filters);
    }

    /** {@code key:value} for a key we know; null means the token is text (so {@code wasi:http} stays a search word). */
    private static Query filter(String token) {
        int colon = token.indexOf(':');
        if (colon <= 0 || colon == token.length() - 1) return null;
        String key = token.substring(0, colon);
        String value = token.substring(colon + 1);
        return switch (key) {
            case "namespace", "ns" -> new TermQuery(new Term(PackageDocument.NAMESPACE, value));
            case "exports", "export" -> interfaceFilter(PackageDocument.EXPORT_KEYS, value);
            case "imports", "import" -> interfaceFilter(PackageDocument.IMPORT_KEYS, value);
            case "kind" -> new TermQuery(new Term(PackageDocument.KIND, switch (value) {
                case "core", "module", "core-module" -> "module";
                default -> value;
            }));
            default -> null;
        };
    }

    /** An interface at the width given; {@code @0.2} also matches {@code @0.2.12}. */
    private static Query interfaceFilter(String field, String value) {
        Query exact = new TermQuery(new Term(field, value));
        if (value.indexOf('@') < 0) return exact;
        return new BooleanQuery.Builder()
                .add(exact, Occur.SHOULD)
                .add(new PrefixQuery(new Term(field, value + ".")), Occur.SHOULD)
                .build();
    }

    /**
     * The scoring query for the text of {@code parsed}. With {@code everyWord} each word must
     * match somewhere (names, interfaces or description); without it any word will do, for the
     * fallback when nothing matches every word.
     */
    Query query(Parsed parsed, IndexSearcher searcher, boolean everyWord) throws IOException {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (parsed.hasText()) all.add(textQuery(parsed, searcher, everyWord), Occur.MUST);
        else all.add(new MatchAllDocsQuery(), Occur.MUST);
        for (Query f : parsed.filters()) all.add(f, Occur.FILTER);
        return all.build();
    }

    private Query textQuery(Parsed parsed, IndexSearcher searcher, boolean everyWord) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        String raw = parsed.rawText();
        String joined = String.join("-", parsed.words());
        BooleanQuery.Builder whole = new BooleanQuery.Builder();
        addTerm(whole, searcher, new Term(PackageDocument.NAME, raw), EXACT_NAME);
        addTerm(whole, searcher, new Term(PackageDocument.PKG, raw), EXACT_PACKAGE);
        addTerm(whole, searcher, new Term(PackageDocument.PKG_TAIL, raw), EXACT_LAST_SEGMENT);
        if (!joined.equals(raw)) addTerm(whole, searcher, new Term(PackageDocument.PKG, joined), EXACT_PACKAGE);
        if (joined.length() >= 2) {
            if (joined.length() <= PackageDocument.MAX_PREFIX) {
                addTerm(whole, searcher, new Term(PackageDocument.PKG_PREFIXES, joined), PACKAGE_PREFIX);
            } else {
                whole.add(constant(new PrefixQuery(new Term(PackageDocument.PKG, joined)), PACKAGE_PREFIX), Occur.SHOULD);
            }
        }
        // A typed interface name ranks what exports it first, then what imports it.
        if (raw.indexOf(':') > 0 && raw.indexOf(' ') < 0) {
            addTerm(whole, searcher, new Term(PackageDocument.EXPORT_KEYS, raw), INTERFACE_KEY);
            addTerm(whole, searcher, new Term(PackageDocument.IMPORT_KEYS, raw), INTERFACE_KEY / 10);
        }
        query.add(whole.build(), Occur.SHOULD);

        List<String> words = parsed.words();
        List<Query> wordQueries = new ArrayList<>();
        boolean onlyStopWords = words.stream().allMatch(w -> STOP_WORDS.contains(w));
        int[] fuzzyLeft = {MAX_FUZZY_WORDS};
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            boolean required = everyWord && (onlyStopWords || !STOP_WORDS.contains(word));
            Query q = wordQuery(word, searcher, fuzzyLeft, i == words.size() - 1);
            if (required) wordQueries.add(q);
            else query.add(q, Occur.SHOULD);
        }
        if (wordQueries.isEmpty()) return query.build();
        // Every required word must match; the whole-query signals only add to the score.
        BooleanQuery.Builder strict = new BooleanQuery.Builder();
        for (Query q : wordQueries) strict.add(q, Occur.MUST);
        strict.add(query.build(), Occur.SHOULD);
        return strict.build();
    }

    private Query wordQuery(String word, IndexSearcher searcher, int[] fuzzyLeft, boolean last) throws IOException {
        BooleanQuery.Builder one = new BooleanQuery.Builder();
        Term part = new Term(PackageDocument.PARTS, word);
        int partDocs = addTerm(one, searcher, part, NAME_PART);
        // Prefixes for the word being typed (the last one) and for words that are no whole name
        // part; a finished, known word is not expanded, which keeps long queries cheap.
        if (word.length() >= 2 && (last || partDocs == 0)) {
            if (word.length() <= PackageDocument.MAX_PREFIX) {
                addTerm(one, searcher, new Term(PackageDocument.PART_PREFIXES, word), NAME_PART_PREFIX);
            } else {
                one.add(constant(new PrefixQuery(part), NAME_PART_PREFIX), Occur.SHOULD);
            }
        }
        Term exportWord = new Term(PackageDocument.EXPORT_WORDS, word);
        int exportDocs = addTerm(one, searcher, exportWord, EXPORT_WORD);
        addTerm(one, searcher, new Term(PackageDocument.IMPORT_WORDS, word), IMPORT_WORD);
        String stem = stem(word);
        Term description = stem == null ? null : new Term(PackageDocument.DESCRIPTION, stem);
        int descriptionDocs = 0;
        if (description != null) {
            TermStates states = states(searcher, description);
            descriptionDocs = states.docFreq();
            if (descriptionDocs > 0) one.add(new TermQuery(description, states), Occur.SHOULD);
        }

        boolean unseen = partDocs == 0 && exportDocs == 0 && descriptionDocs == 0;
        // Typo tolerance only for words long enough to have a neighbour worth guessing, and only
        // when the word itself is unknown: a real word is never second-guessed.
        // A bounded number of guessed words keeps any text under Lucene's clause limit (a guess is
        // one clause however many terms it matches: they are gathered into one set of documents).
        if (unseen && fuzzyLeft[0] > 0 && word.length() >= 4 && word.length() <= MAX_FUZZY_LENGTH
                && !word.chars().allMatch(Character::isDigit)) {
            fuzzyLeft[0]--;
            int edits = word.length() >= 8 ? 2 : 1;
            one.add(constant(fuzzy(part, edits), NAME_PART_FUZZY), Occur.SHOULD);
            one.add(constant(fuzzy(exportWord, edits), EXPORT_WORD / 2), Occur.SHOULD);
            if (description != null) one.add(constant(fuzzy(description, edits), DESCRIPTION_FUZZY), Occur.SHOULD);
        }
        return one.build();
    }

    /**
     * Adds a constant-score clause for {@code term} when the index holds it, and returns the
     * number of packages that do. The lookup is made once and handed to the query, and a term
     * nobody has adds no clause (fewer clauses, less per-query set-up).
     */
    private int addTerm(BooleanQuery.Builder to, IndexSearcher searcher, Term term, float score) {
        TermStates states = states(searcher, term);
        if (states.docFreq() > 0) to.add(constant(new TermQuery(term, states), score), Occur.SHOULD);
        return states.docFreq();
    }

    /** Terms within {@code edits} of the word, its first letter as typed, a swap of neighbours counting as one edit. */
    private Query fuzzy(Term term, int edits) {
        return new TypoQuery(term, edits, guesses.get(new Guess(term.text(), edits),
                g -> FuzzyQuery.getFuzzyAutomaton(g.text(), g.edits(), 1, true)));
    }

    private static Query constant(Query q, float score) {
        return new BoostQuery(new ConstantScoreQuery(q), score);
    }

    /** The description analyser's form of one word, or null for a stop word. */
    static String stem(String word) {
        try (TokenStream tokens = DESCRIPTION_ANALYZER.tokenStream(PackageDocument.DESCRIPTION, word)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            String out = tokens.incrementToken() ? term.toString() : null;
            tokens.end();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Letters and digits runs, lower-cased: the words of a name, a description or a query. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }
}
