package dev.wharf.search;

import dev.wharf.domain.InvalidInput;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.events.LoggedEvent;
import dev.wharf.events.Projection;
import dev.wharf.events.PublishVersion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own Lucene index of packages, built from the log. It is a cache: its commits carry
 * the log offsets they include, so a restart resumes from the last commit, and an empty
 * directory simply replays the whole log.
 */
public final class SearchReplica implements Projection, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchReplica.class);
    private static final String OFFSET_PREFIX = "offset.";
    private static final String LAYOUT = "layout";
    // Bumped whenever PackageDocument's fields change: an index of another layout is dropped
    // and rebuilt from the log instead of being searched with queries it cannot answer.
    private static final String CURRENT_LAYOUT = "2";
    private static final long COMMIT_EVERY_NANOS = 1_000_000_000L;

    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final PackageQueryParser parser = new PackageQueryParser();
    private long lastCommit = System.nanoTime();

    public SearchReplica(Path indexDir) throws IOException {
        this.directory = FSDirectory.open(indexDir);
        IndexWriterConfig config = new IndexWriterConfig(PackageQueryParser.indexAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(32);
        this.writer = new IndexWriter(directory, config);
        Map<String, String> committed = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) live.forEach(e -> committed.put(e.getKey(), e.getValue()));
        if (CURRENT_LAYOUT.equals(committed.get(LAYOUT))) {
            for (Map.Entry<String, String> e : committed.entrySet()) {
                if (e.getKey().startsWith(OFFSET_PREFIX)) {
                    positions.put(Integer.parseInt(e.getKey().substring(OFFSET_PREFIX.length())), Long.parseLong(e.getValue()));
                }
            }
        } else if (writer.getDocStats().numDocs > 0 || !committed.isEmpty()) {
            LOG.info("search replica at {} has layout {}, not {}: rebuilding it from the log", indexDir,
                    committed.getOrDefault(LAYOUT, "1"), CURRENT_LAYOUT);
            writer.deleteAll();
        }
        this.searchers = new SearcherManager(writer, null);
        LOG.info("search replica at {} resumes from offsets {}", indexDir, positions);
    }

    @Override
    public String name() {
        return "search";
    }

    @Override
    public Map<Integer, Long> positions() {
        return Map.copyOf(positions);
    }

    @Override
    public synchronized void apply(List<LoggedEvent> batch) throws IOException {
        Map<String, PackageDocument> changed = new LinkedHashMap<>();
        for (LoggedEvent logged : batch) {
            Long next = positions.get(logged.partition());
            if (next != null && logged.offset() < next) continue; // already in the index
            if (logged.event() != null) applyOne(logged, changed);
            positions.put(logged.partition(), logged.offset() + 1);
        }
        for (PackageDocument doc : changed.values()) {
            writer.updateDocument(new Term(PackageDocument.NAME, doc.name()), doc.toLucene());
        }
        Map<String, String> commitData = new HashMap<>();
        commitData.put(LAYOUT, CURRENT_LAYOUT);
        positions.forEach((p, o) -> commitData.put(OFFSET_PREFIX + p, Long.toString(o)));
        writer.setLiveCommitData(commitData.entrySet());
        searchers.maybeRefreshBlocking();
        if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) commit();
    }

    private void applyOne(LoggedEvent logged, Map<String, PackageDocument> changed) throws IOException {
        switch (logged.event()) {
            case PublishVersion p -> {
                PackageDocument current = changed.containsKey(p.name()) ? changed.get(p.name()) : load(p.name());
                try {
                    dev.wharf.domain.PackageName.parse(p.name());
                    PackageDocument next = current == null
                            ? new PackageDocument(p.name(), List.of(), null, 0).withVersion(p)
                            : current.withVersion(p);
                    if (next != null) changed.put(p.name(), next);
                } catch (InvalidInput e) {
                    LOG.warn("search replica skips invalid publish at {}/{}: {}", logged.partition(), logged.offset(), e.getMessage());
                }
            }
            case DownloadsCounted d -> {
                PackageDocument current = changed.containsKey(d.name()) ? changed.get(d.name()) : load(d.name());
                if (current != null) {
                    changed.put(d.name(), current.withDownloads(d.countsByVersion().values().stream().mapToLong(Long::longValue).sum()));
                }
            }
        }
    }

    private PackageDocument load(String name) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopDocs found = searcher.search(new TermQuery(new Term(PackageDocument.NAME, name)), 1);
            if (found.scoreDocs.length == 0) return null;
            return PackageDocument.fromLucene(searcher.storedFields().document(found.scoreDocs[0].doc));
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * One page of packages for {@code query}. Never throws on what a person typed: the text is
     * split into words and known filters by {@link PackageQueryParser}, never parsed as Lucene
     * syntax. When no package matches every word, packages matching any word are returned.
     */
    public SearchPage search(SearchQuery query) throws IOException {
        PackageQueryParser.Parsed parsed = parser.split(query.text());
        IndexSearcher searcher = searchers.acquire();
        try {
            Query strict = parser.query(parsed, searcher.getIndexReader(), true);
            int total = searcher.count(strict);
            Query chosen = strict;
            if (total == 0 && parsed.words().size() > 1) {
                Query relaxed = parser.query(parsed, searcher.getIndexReader(), false);
                int relaxedTotal = searcher.count(relaxed);
                if (relaxedTotal > 0) {
                    chosen = relaxed;
                    total = relaxedTotal;
                }
            }
            int wanted = Math.max(1, query.offset() + query.limit());
            Sort byDownloads = new Sort(new SortField(PackageDocument.DOWNLOADS, SortField.Type.LONG, true),
                    new SortField(PackageDocument.NAME_SORT, SortField.Type.STRING));
            TopDocs top = switch (query.sort()) {
                // Without words there is nothing to be relevant to: the most used packages come first.
                case RELEVANCE -> parsed.hasText()
                        ? searcher.search(FunctionScoreQuery.boostByValue(chosen,
                                DoubleValuesSource.fromDoubleField(PackageDocument.POPULARITY)), wanted)
                        : searcher.search(chosen, wanted, byDownloads);
                case DOWNLOADS -> searcher.search(chosen, wanted, byDownloads);
                case RECENT -> searcher.search(chosen, wanted, new Sort(
                        new SortField(PackageDocument.PUBLISHED, SortField.Type.LONG, true),
                        new SortField(PackageDocument.NAME_SORT, SortField.Type.STRING)));
            };
            List<SearchHit> hits = new ArrayList<>();
            ScoreDoc[] docs = top.scoreDocs;
            for (int i = query.offset(); i < docs.length && hits.size() < query.limit(); i++) {
                Document doc = searcher.storedFields().document(docs[i].doc);
                PackageDocument pkg = PackageDocument.fromLucene(doc);
                hits.add(new SearchHit(pkg.latest(), pkg.downloads()));
            }
            return new SearchPage(total, hits);
        } finally {
            searchers.release(searcher);
        }
    }

    /** Number of packages in the replica. */
    public int packageCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    public synchronized void commit() throws IOException {
        writer.commit();
        lastCommit = System.nanoTime();
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            commit();
        } finally {
            searchers.close();
            writer.close();
            directory.close();
        }
    }
}
