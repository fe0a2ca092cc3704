package dev.wharf.replica;

import dev.wharf.registry.SearchHit;

import dev.wharf.domain.PackageName;
import dev.wharf.domain.PackageVersion;
import dev.wharf.registry.PublishRules;
import dev.wharf.events.EventCodec;
import dev.wharf.events.PublishVersion;
import dev.wharf.inspect.WasmSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.ScoreDoc;
import com.github.benmanes.caffeine.cache.Cache;
import org.apache.lucene.util.BytesRef;

/**
 * The search replica's view of one package: every version key it has accepted (so it applies
 * the same first-wins rule as the metadata projection), the latest version's event, and the
 * download total. Rebuilt into a Lucene document on every change.
 *
 * <p>Interface names are indexed twice: as exact keys at several widths for the
 * {@code exports:}/{@code imports:} filters ({@code wasi:http/incoming-handler@0.2.12},
 * {@code wasi:http/incoming-handler}, {@code wasi:http}, {@code wasi}), and as words, so a plain
 * query such as "incoming handler" finds what a component does.
 */
record PackageDocument(String name, List<String> versions, PublishVersion latest, long downloads, List<String> yanked,
                       String deprecated, List<PublishVersion> releases) {

    /** A package as first published: nothing yanked, not deprecated. */
    PackageDocument(String name, List<String> versions, PublishVersion latest, long downloads) {
        this(name, versions, latest, downloads, List.of(), null, List.of());
    }

    static final String NAME = "name";
    static final String NAME_SORT = "name_sort";
    static final String PKG = "pkg";
    static final String PKG_TAIL = "pkg_tail";
    static final String PARTS = "parts";
    // Every prefix (2 to MAX_PREFIX characters) of the package part and of each name part, so a
    // name being typed is one term lookup rather than an expansion over the terms dictionary.
    static final String PKG_PREFIXES = "pkg_prefixes";
    static final String PART_PREFIXES = "part_prefixes";
    static final int MIN_PREFIX = 2;
    static final int MAX_PREFIX = 24;
    static final String NAMESPACE = "namespace";
    static final String DESCRIPTION = "description";
    static final String EXPORT_KEYS = "export_keys";
    static final String IMPORT_KEYS = "import_keys";
    static final String EXPORT_WORDS = "export_words";
    static final String IMPORT_WORDS = "import_words";
    static final String KIND = "kind";
    static final String LATEST = "latest";
    static final String NAME_AND_VERSIONS = "name_and_versions";
    static final String DOWNLOADS = "downloads";
    static final String POPULARITY = "popularity";
    static final String PUBLISHED = "published";
    // Every accepted version's event, read back only when the package changes: a yank of the
    // latest version must fall back to the next one's description and interfaces.
    static final String RELEASES = "releases";
    /**
     * Relevance of a deprecated package is multiplied by this on top of its popularity: below a
     * live package of similar relevance (popularity differs by at most 2x), still found by its
     * exact name (a name match outweighs a description match many times over).
     */
    static final double DEPRECATED_FACTOR = 0.5;

    /** Adds a version when {@link PublishRules#decide} accepts it; null for a conflict (first in log order won) or a rejected event. */
    PackageDocument withVersion(PublishVersion event) {
        List<PackageVersion> known = new ArrayList<>(versions.stream().map(PackageVersion::parse).toList());
        if (!(PublishRules.decide(event, key -> known.stream().anyMatch(v -> v.key().equals(key)))
                instanceof PublishRules.Decision.Accept)) {
            return null;
        }
        PackageVersion version = PackageVersion.parse(event.version());
        List<String> names = new ArrayList<>(versions);
        names.add(version.toString());
        List<PublishVersion> all = new ArrayList<>(releases);
        all.add(event);
        return new PackageDocument(name, List.copyOf(names), null, downloads, yanked, deprecated, List.copyOf(all)).withLatest();
    }

    PackageDocument withDownloads(long more) {
        return new PackageDocument(name, versions, latest, downloads + more, yanked, deprecated, releases);
    }

    /** The version yanked or offered again; null when the package has no such version (nothing changes). */
    PackageDocument withYank(String version, boolean isYanked) {
        String key;
        try {
            key = PackageVersion.parse(version).key();
        } catch (dev.wharf.domain.InvalidInput e) {
            return null;
        }
        String known = versions.stream().filter(v -> PackageVersion.parse(v).key().equals(key)).findFirst().orElse(null);
        if (known == null) return null;
        List<String> now = new ArrayList<>(yanked);
        now.remove(known);
        if (isYanked) now.add(known);
        return new PackageDocument(name, versions, null, downloads, List.copyOf(now), deprecated, releases).withLatest();
    }

    PackageDocument withDeprecation(String message) {
        return new PackageDocument(name, versions, latest, downloads, yanked, message, releases);
    }

    /** Latest by {@link PublishRules#latest(java.util.Collection, Set)}: a yanked version only when all are. */
    private PackageDocument withLatest() {
        Set<String> yankedKeys = new java.util.HashSet<>(yanked.stream().map(v -> PackageVersion.parse(v).key()).toList());
        PackageVersion newest = PublishRules.latest(versions.stream().map(PackageVersion::parse).toList(), yankedKeys);
        PublishVersion event = releases.stream().filter(r -> PackageVersion.parse(r.version()).equals(newest)).findFirst()
                .orElse(latest);
        return new PackageDocument(name, versions, event, downloads, yanked, deprecated, releases);
    }

    /** Name, versions, yanked versions and the deprecation message: what determines the hit, and its cache key. */
    private String key() {
        return name + "\n" + String.join(",", versions) + "\n" + String.join(",", yanked) + "\n" + (deprecated == null ? "" : "!" + deprecated);
    }

    /** Prefix terms only filter and count: no frequencies, positions or norms to store. */
    private static final FieldType PREFIXES = new FieldType();

    static {
        PREFIXES.setTokenized(true);
        PREFIXES.setIndexOptions(IndexOptions.DOCS);
        PREFIXES.setOmitNorms(true);
        PREFIXES.freeze();
    }

    Document toLucene() {
        Document doc = new Document();
        PackageName parsed = PackageName.parse(name);
        doc.add(new StringField(NAME, name, Field.Store.NO));
        doc.add(new SortedDocValuesField(NAME_SORT, new BytesRef(name)));
        doc.add(new StringField(PKG, parsed.pkg(), Field.Store.NO));
        String tail = parsed.pkg().substring(parsed.pkg().lastIndexOf('/') + 1);
        if (!tail.equals(parsed.pkg())) doc.add(new StringField(PKG_TAIL, tail, Field.Store.NO));
        doc.add(new TextField(PARTS, String.join(" ", parsed.parts()), Field.Store.NO));
        doc.add(new Field(PKG_PREFIXES, parsed.pkg(), PREFIXES));
        doc.add(new Field(PART_PREFIXES, String.join(" ", parsed.parts()), PREFIXES));
        doc.add(new StringField(NAMESPACE, parsed.namespace(), Field.Store.NO));
        doc.add(new TextField(DESCRIPTION, latest.description() == null ? "" : latest.description(), Field.Store.NO));
        WasmSummary wasm = latest.wasm();
        if (wasm != null) {
            if (wasm.kind() != null) doc.add(new StringField(KIND, wasm.kind(), Field.Store.NO));
            for (String key : interfaceKeys(wasm.exports())) doc.add(new StringField(EXPORT_KEYS, key, Field.Store.NO));
            for (String key : interfaceKeys(wasm.imports())) doc.add(new StringField(IMPORT_KEYS, key, Field.Store.NO));
            List<String> exported = new ArrayList<>(wasm.exports());
            if (wasm.world() != null) exported.add(wasm.world());
            doc.add(new TextField(EXPORT_WORDS, String.join(" ", interfaceWords(exported)), Field.Store.NO));
            doc.add(new TextField(IMPORT_WORDS, String.join(" ", interfaceWords(wasm.imports())), Field.Store.NO));
        }
        // Doc values rather than stored fields: reading a hit then touches a few bytes, not a
        // compressed block of neighbouring documents.
        doc.add(new BinaryDocValuesField(LATEST, new BytesRef(EventCodec.encode(latest))));
        doc.add(new BinaryDocValuesField(NAME_AND_VERSIONS, new BytesRef(key())));
        doc.add(new StoredField(RELEASES, new BytesRef(String.join("\n",
                releases.stream().map(r -> new String(EventCodec.encode(r), StandardCharsets.UTF_8)).toList()))));
        for (Field count : countFields()) doc.add(count);
        doc.add(new NumericDocValuesField(PUBLISHED, latest.publishedAt()));
        return doc;
    }

    /** What a download count changes in the document: doc values only, so they can be updated in place. */
    Field[] countFields() {
        return new Field[] {
            new NumericDocValuesField(DOWNLOADS, downloads),
            new DoubleDocValuesField(POPULARITY, popularity(downloads) * (deprecated == null ? 1.0 : DEPRECATED_FACTOR)),
        };
    }

    /**
     * The factor relevance is multiplied by: 1 for an unknown package, about 1.3 at a thousand
     * downloads, 1.6 at a million. Enough to order equally good matches, never enough to lift a
     * description match over a name match. Capped at {@link #MAX_POPULARITY} (ten billion
     * downloads) so ranking can skip matches that could not reach the page even with it.
     */
    static double popularity(long downloads) {
        return Math.min(MAX_POPULARITY, 1.0 + 0.1 * Math.log10(1.0 + Math.max(0, downloads)));
    }

    static final double MAX_POPULARITY = 2.0;

    /**
     * Every width a filter may name an interface at. Component names
     * {@code ns:pkg/iface@ver} give the full name, without version, the package with and
     * without version, and the namespace; core-module names {@code module.field} give the
     * full name and the module.
     */
    static Set<String> interfaceKeys(List<String> names) {
        Set<String> keys = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT);
            keys.add(name);
            int at = name.indexOf('@');
            String bare = at < 0 ? name : name.substring(0, at);
            String version = at < 0 ? "" : name.substring(at);
            keys.add(bare);
            int colon = bare.indexOf(':');
            int slash = bare.indexOf('/');
            if (colon > 0) {
                keys.add(bare.substring(0, colon));
                if (slash > colon) {
                    keys.add(bare.substring(0, slash));
                    if (!version.isEmpty()) keys.add(bare.substring(0, slash) + version);
                }
            } else {
                int dot = bare.indexOf('.');
                if (dot > 0) keys.add(bare.substring(0, dot));
            }
        }
        return keys;
    }

    /** The words of interface names, without version numbers: {@code wasi:http/incoming-handler@0.2.12} gives wasi http incoming handler. */
    static List<String> interfaceWords(List<String> names) {
        List<String> words = new ArrayList<>();
        for (String raw : names) {
            String name = raw.toLowerCase(Locale.ROOT);
            int at = name.indexOf('@');
            for (String w : (at < 0 ? name : name.substring(0, at)).split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty() && !w.chars().allMatch(Character::isDigit)) words.add(w);
            }
        }
        return words;
    }

    /**
     * Reads a document back from its doc values; {@code doc} is relative to {@code leaf}. The
     * latest version's event is decoded once per (name, set of versions) and kept in
     * {@code decoded}: that pair determines it, so a cached entry can never be stale.
     */
    static PackageDocument read(LeafReader leaf, int doc, Cache<String, PublishVersion> decoded) throws IOException {
        // One small binary value gives the name and the versions, and is the cache key: a sorted
        // doc value would decompress a block of neighbouring names per hit.
        String nameAndVersions = new String(binary(leaf, NAME_AND_VERSIONS, doc), StandardCharsets.UTF_8);
        Key key = Key.parse(nameAndVersions);
        String name = key.name();
        NumericDocValues downloads = leaf.getNumericDocValues(DOWNLOADS);
        long count = downloads != null && downloads.advanceExact(doc) ? downloads.longValue() : 0;
        PublishVersion latest = decoded.get(nameAndVersions, cacheKey -> {
            try {
                return decodeLatest(binary(leaf, LATEST, doc), name);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        BytesRef stored = leaf.storedFields().document(doc, java.util.Set.of(RELEASES)).getBinaryValue(RELEASES);
        List<String> lines = stored == null ? List.of()
                : java.util.Arrays.stream(stored.utf8ToString().split("\n")).filter(line -> !line.isEmpty()).toList();
        return new PackageDocument(name, key.versions(), latest, count, key.yanked(), key.deprecated(), new Releases(name, lines));
    }

    /**
     * A package's releases as the index stores them, decoded when first asked: a download count
     * changes only two doc values and never looks at them, and decoding every release of every
     * counted package was most of the replica's CPU under a download storm (issue #12).
     */
    private static final class Releases extends java.util.AbstractList<PublishVersion> {
        private final String name;
        private final List<String> encoded;
        private volatile List<PublishVersion> decoded;

        Releases(String name, List<String> encoded) {
            this.name = name;
            this.encoded = encoded;
        }

        @Override
        public PublishVersion get(int index) {
            List<PublishVersion> all = decoded;
            if (all == null) {
                all = encoded.stream().map(line -> decodeLatest(line.getBytes(StandardCharsets.UTF_8), name)).toList();
                decoded = all;
            }
            return all.get(index);
        }

        @Override
        public int size() {
            return encoded.size();
        }
    }

    /** The parts of a {@link #NAME_AND_VERSIONS} value. */
    record Key(String name, List<String> versions, List<String> yanked, String deprecated) {
        static Key parse(String value) {
            String[] lines = value.split("\n", 4);
            List<String> versions = lines.length < 2 || lines[1].isEmpty() ? List.of() : List.of(lines[1].split(","));
            List<String> yanked = lines.length < 3 || lines[2].isEmpty() ? List.of() : List.of(lines[2].split(","));
            String deprecated = lines.length < 4 || lines[3].isEmpty() ? null : lines[3].substring(1);
            return new Key(lines[0], versions, yanked, deprecated);
        }
    }

    /**
     * The hits of a page, in the page's order. Read leaf by leaf in document order, since a doc
     * values iterator only moves forward: one iterator per field and leaf instead of one per hit.
     * The latest version's event is decoded only when {@code decoded} does not have it.
     */
    static List<SearchHit> hits(List<LeafReaderContext> leaves, ScoreDoc[] page, Cache<String, PublishVersion> decoded)
            throws IOException {
        Integer[] byDoc = new Integer[page.length];
        for (int i = 0; i < page.length; i++) byDoc[i] = i;
        Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
        SearchHit[] hits = new SearchHit[page.length];
        LeafReaderContext leaf = null;
        BinaryDocValues keys = null;
        BinaryDocValues events = null;
        NumericDocValues downloads = null;
        for (int i : byDoc) {
            if (leaf == null || page[i].doc >= leaf.docBase + leaf.reader().maxDoc()) {
                leaf = leaves.get(ReaderUtil.subIndex(page[i].doc, leaves));
                keys = leaf.reader().getBinaryDocValues(NAME_AND_VERSIONS);
                events = leaf.reader().getBinaryDocValues(LATEST);
                downloads = leaf.reader().getNumericDocValues(DOWNLOADS);
            }
            int doc = page[i].doc - leaf.docBase;
            String key = new String(value(keys, NAME_AND_VERSIONS, doc), StandardCharsets.UTF_8);
            PublishVersion latest = decoded.getIfPresent(key);
            if (latest == null) {
                latest = decodeLatest(value(events, LATEST, doc), key);
                decoded.put(key, latest);
            }
            long count = downloads != null && downloads.advanceExact(doc) ? downloads.longValue() : 0;
            Key parsed = Key.parse(key);
            hits[i] = new SearchHit(latest, count, parsed.yanked().contains(latest.version()), parsed.deprecated());
        }
        return List.of(hits);
    }

    private static PublishVersion decodeLatest(byte[] bytes, String which) {
        try {
            return (PublishVersion) EventCodec.decode(bytes);
        } catch (EventCodec.UndecodableEvent e) {
            throw new IllegalStateException("search index holds an unreadable document for " + which + ": " + e.getMessage(), e);
        }
    }

    private static byte[] value(BinaryDocValues values, String field, int doc) throws IOException {
        if (values == null || !values.advanceExact(doc)) {
            throw new IllegalStateException("search index document " + doc + " has no " + field);
        }
        BytesRef bytes = values.binaryValue();
        return Arrays.copyOfRange(bytes.bytes, bytes.offset, bytes.offset + bytes.length);
    }

    private static byte[] binary(LeafReader leaf, String field, int doc) throws IOException {
        return value(leaf.getBinaryDocValues(field), field, doc);
    }
}
