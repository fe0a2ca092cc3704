package dev.wharf.replica;

import dev.wharf.registry.SearchHit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.wharf.ports.SearchIndex;
import dev.wharf.registry.PublishRules;
import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.projection.LoggedEvent;
import dev.wharf.projection.Projection;
import dev.wharf.events.PackageDeprecated;
import dev.wharf.events.PublishVersion;
import dev.wharf.events.TokenIssued;
import dev.wharf.events.TokenRevoked;
import dev.wharf.events.VersionUnyanked;
import dev.wharf.events.VersionYanked;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexCommit;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KeepOnlyLastCommitDeletionPolicy;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SnapshotDeletionPolicy;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ReferenceManager;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NRTCachingDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's own Lucene index of packages, built from the log. It is a cache: its commits carry
 * the log offsets they include, so a restart resumes from the last commit, and an empty
 * directory simply replays the whole log.
 */
public final class SearchReplica implements Projection, SearchIndex, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SearchReplica.class);
    private static final String OFFSET_PREFIX = "offset.";
    private static final String LAYOUT = "layout";
    // Bumped whenever PackageDocument's fields change: an index of another layout is dropped
    // and rebuilt from the log instead of being searched with queries it cannot answer.
    private static final String CURRENT_LAYOUT = "6";
    private static final long COMMIT_EVERY_NANOS = 1_000_000_000L;

    private final Path indexDir;
    private final Directory directory;
    private final IndexWriter writer;
    // Keeps the files of a commit being copied into a snapshot from being merged away (issue 12).
    private final SnapshotDeletionPolicy heldCommits = new SnapshotDeletionPolicy(new KeepOnlyLastCommitDeletionPolicy());
    private final Map<Integer, Long> resumedFrom;
    private final java.util.concurrent.atomic.AtomicLong appliedEvents = new java.util.concurrent.atomic.AtomicLong();
    private final SearcherManager searchers;
    private final Map<Integer, Long> positions = new ConcurrentHashMap<>();
    private final PackageQueryParser parser = new PackageQueryParser();
    // Decoding a hit's event costs more than finding it; popular results are decoded once.
    private final Cache<String, PublishVersion> decoded = Caffeine.newBuilder().maximumSize(20_000).build();
    // Answered pages of the current index version. People and API consumers repeat the same
    // searches; a page can only change when the index does, and the version in the key makes a
    // page computed against an older reader unreachable the moment a newer one is searched.
    private final Cache<PageKey, SearchPage> pages;
    // Applying a batch, committing and refreshing the searcher happen under this lock; a search
    // that finds download counts due only tries it, so it never waits behind a batch.
    private final ReentrantLock writing = new ReentrantLock();
    // Packages changed since the searcher last refreshed (guarded by writing): the next event of
    // a package must start from what was applied, not from what searches can see yet.
    private final Map<String, PackageDocument> unrefreshed = new HashMap<>();
    private final long downloadCountsDelayNanos;
    private volatile long lastRefresh = System.nanoTime();
    private volatile boolean refreshDue;
    // Publishes applied but not yet visible to searches (guarded by writing for writes).
    private volatile boolean publishesUnseen;
    private long lastCommit = System.nanoTime();

    private record PageKey(SearchQuery query, long indexVersion) {}

    // Publish events met lately, so a node can tell a pending publish from a made-up id. A day
    // of publishes at the benchmark's rate fits; older ones have their verdict long since.
    private final Cache<java.util.UUID, Boolean> seenPublishes = Caffeine.newBuilder().maximumSize(100_000).build();

    private volatile java.util.function.Consumer<String> packageChanged = name -> {};

    /** Tells {@code listener} the name of every package an applied batch changed (caches of this node drop what they hold of it). */
    public void onPackageChanged(java.util.function.Consumer<String> listener) {
        this.packageChanged = listener;
    }

    /** Whether this replica has applied this publish event (within its bounded memory of them). */
    public boolean sawPublish(java.util.UUID eventId) {
        return seenPublishes.getIfPresent(eventId) != null;
    }

    /** A replica as shipped: {@value #DEFAULT_CACHED_HITS} cached hits, download counts searchable within {@link #DEFAULT_DOWNLOAD_COUNTS_DELAY}. */
    public SearchReplica(Path indexDir) throws IOException {
        this(indexDir, DEFAULT_CACHED_HITS, DEFAULT_DOWNLOAD_COUNTS_DELAY);
    }

    /**
     * A new publish is searchable as soon as its batch is applied; new download counts only
     * within this delay. Counts arrive from every node every few seconds, and each refresh of the
     * searcher empties the page cache and costs a reopen, while they move ranking only gently.
     */
    public static final Duration DEFAULT_DOWNLOAD_COUNTS_DELAY = Duration.ofSeconds(30);

    /**
     * About 2,500 pages of 20. A page holds its hits' latest-version events, so the bound is in
     * hits: even a crawler paging through every package keeps it within some 75 MB.
     */
    public static final int DEFAULT_CACHED_HITS = 50_000;

    /**
     * {@code cachedHits} 0 computes every search (what the benchmark's "computed" figures
     * measure); {@code downloadCountsDelay} zero makes every applied batch searchable at once.
     */
    public SearchReplica(Path indexDir, int cachedHits, Duration downloadCountsDelay) throws IOException {
        this.downloadCountsDelayNanos = downloadCountsDelay.toNanos();
        this.pages = cachedHits > 0
                ? Caffeine.newBuilder().maximumWeight(cachedHits).<PageKey, SearchPage>weigher((key, page) -> 1 + page.hits().size())
                        .recordStats().build()
                : null;
        this.indexDir = indexDir;
        // New segments stay in memory until a commit or a merge makes them large (4 MB; 16 MB
        // kept at most): a publisher waits for one refresh (read-your-writes), and with every
        // tiny segment written to disk, mapped, and unmapped again once merged (closing a
        // mapping stops every thread of the JVM for a handshake), that refresh took p50 29 ms
        // of a 57 ms publish; in memory, 7.5 ms of 34-41 ms (one client, 50 KB, issue #12).
        this.directory = new NRTCachingDirectory(FSDirectory.open(indexDir), 4, 16);
        // Fewer, larger segments: every clause of every query pays per segment (2 segments
        // against 4 was 5,800 against 4,800 queries/s at 100k packages). Going further, with a
        // floor above the index size, made Lucene rewrite the whole index on every refresh.
        TieredMergePolicy merges = new TieredMergePolicy();
        merges.setSegmentsPerTier(2);
        IndexWriterConfig config = new IndexWriterConfig(PackageQueryParser.indexAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setMergePolicy(merges)
                .setRAMBufferSizeMB(32)
                .setIndexDeletionPolicy(heldCommits);
        this.writer = new IndexWriter(directory, config);
        Map<String, String> committed = new HashMap<>();
        Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
        if (live != null) live.forEach(e -> committed.put(e.getKey(), e.getValue()));
        if (CURRENT_LAYOUT.equals(committed.get(LAYOUT))) {
            positions.putAll(offsetsOf(committed));
        } else if (writer.getDocStats().numDocs > 0 || !committed.isEmpty()) {
            LOG.info("search replica at {} has layout {}, not {}: rebuilding it from the log", indexDir,
                    committed.getOrDefault(LAYOUT, "1"), CURRENT_LAYOUT);
            writer.deleteAll();
        }
        this.resumedFrom = Map.copyOf(positions);
        this.searchers = new SearcherManager(writer, null);
        searchers.addListener(new ReferenceManager.RefreshListener() {
            @Override
            public void beforeRefresh() {}

            @Override
            public void afterRefresh(boolean didRefresh) {
                if (!didRefresh) return;
                // Unreachable already (their keys name the old index version); this frees them.
                if (pages != null) pages.invalidateAll();
                parser.forgetTerms();
            }
        });
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
    public void apply(List<LoggedEvent> batch) throws IOException {
        writing.lock();
        try {
            Map<String, PackageDocument> changed = new LinkedHashMap<>();
            // Packages changed by more than download counts in this batch: reindexed whole.
            Set<String> reindexed = new HashSet<>();
            boolean publishes = false;
            for (LoggedEvent logged : batch) {
                Long next = positions.get(logged.partition());
                if (next != null && logged.offset() < next) continue; // already in the index
                if (logged.event() != null) {
                    applyOne(logged, changed);
                    if (!(logged.event() instanceof DownloadsCounted)) reindexed.add(logged.event().packageName());
                }
                appliedEvents.incrementAndGet();
                // A publisher waits for its version to be searchable, and so does whoever yanks it.
                publishes |= logged.event() instanceof PublishVersion || logged.event() instanceof VersionYanked
                        || logged.event() instanceof VersionUnyanked || logged.event() instanceof PackageDeprecated;
                positions.put(logged.partition(), logged.offset() + 1);
            }
            for (PackageDocument doc : changed.values()) {
                Term term = new Term(PackageDocument.NAME, doc.name());
                // A download count changes two doc values: Lucene updates them in place instead
                // of analysing the whole document again (re-indexing a package per count event
                // was a quarter of the node's CPU under a download storm, issue #12).
                if (reindexed.contains(doc.name())) writer.updateDocument(term, doc.toLucene());
                else writer.updateDocValues(term, doc.countFields());
                unrefreshed.put(doc.name(), doc);
            }
            Map<String, String> commitData = new HashMap<>();
            commitData.put(LAYOUT, CURRENT_LAYOUT);
            positions.forEach((p, o) -> commitData.put(OFFSET_PREFIX + p, Long.toString(o)));
            writer.setLiveCommitData(commitData.entrySet());
            // Refreshing the searcher costs a flush and empties the page cache, so it is not done
            // per batch: a new version becomes searchable when someone looks (the next search, or
            // the publisher waiting for read-your-writes, see makeSearchable), so publishes that
            // arrive between two readers cost one refresh. Download counts wait for their delay.
            if (publishes) publishesUnseen = true;
            if (System.nanoTime() - lastRefresh >= downloadCountsDelayNanos) refresh();
            else if (!changed.isEmpty()) refreshDue = true;
            if (System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) commit();
            for (String name : changed.keySet()) packageChanged.accept(name);
        } finally {
            writing.unlock();
        }
    }

    /** Holding {@link #writing}. */
    private void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
        unrefreshed.clear();
        refreshDue = false;
        publishesUnseen = false;
        lastRefresh = System.nanoTime();
    }

    /**
     * Makes every applied publish searchable: what a search does first, and what a publisher
     * waiting for read-your-writes asks once its event is applied. Waits for a batch being
     * applied, since the caller must see it; a no-op when nothing new was published.
     */
    public void makeSearchable() throws IOException {
        if (!publishesUnseen) return;
        writing.lock();
        try {
            if (publishesUnseen) refresh();
        } finally {
            writing.unlock();
        }
    }

    /** Makes download counts searchable once their delay is over, unless a batch is being applied (it will do it). */
    private void refreshIfDue() throws IOException {
        if (!refreshDue || System.nanoTime() - lastRefresh < downloadCountsDelayNanos || !writing.tryLock()) return;
        try {
            if (refreshDue) refresh();
        } finally {
            writing.unlock();
        }
    }

    private void applyOne(LoggedEvent logged, Map<String, PackageDocument> changed) throws IOException {
        switch (logged.event()) {
            case PublishVersion p -> {
                seenPublishes.put(p.eventId(), Boolean.TRUE);
                if (PublishRules.decide(p, key -> false) instanceof PublishRules.Decision.Reject r) {
                    LOG.warn("search replica skips a rejected publish at {}/{}: {}", logged.partition(), logged.offset(), r.message());
                    return;
                }
                PackageDocument current = changed.containsKey(p.name()) ? changed.get(p.name()) : load(p.name());
                PackageDocument next = current == null
                        ? new PackageDocument(p.name(), List.of(), null, 0).withVersion(p)
                        : current.withVersion(p);
                if (next != null) changed.put(p.name(), next);
            }
            case VersionYanked y -> changeOf(y.name(), changed, doc -> doc.withYank(y.version(), true));
            case VersionUnyanked u -> changeOf(u.name(), changed, doc -> doc.withYank(u.version(), false));
            case PackageDeprecated d -> changeOf(d.name(), changed, doc -> doc.withDeprecation(d.message()));
            case TokenIssued t -> {}
            case TokenRevoked r -> {}
            case DownloadsCounted d -> {
                PackageDocument current = changed.containsKey(d.name()) ? changed.get(d.name()) : load(d.name());
                if (current != null) {
                    changed.put(d.name(), current.withDownloads(d.countsByVersion().values().stream().mapToLong(Long::longValue).sum()));
                }
            }
        }
    }

    private void changeOf(String name, Map<String, PackageDocument> changed,
                          java.util.function.UnaryOperator<PackageDocument> change) throws IOException {
        PackageDocument current = changed.containsKey(name) ? changed.get(name) : load(name);
        if (current == null) return;
        PackageDocument next = change.apply(current);
        if (next != null) changed.put(name, next);
    }

    /** The package as last applied: from the index, found by a direct term lookup (no query machinery: this runs per event). */
    private PackageDocument load(String name) throws IOException {
        PackageDocument applied = unrefreshed.get(name);
        if (applied != null) return applied;
        IndexSearcher searcher = searchers.acquire();
        try {
            BytesRef key = new BytesRef(name);
            for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
                Terms terms = leaf.reader().terms(PackageDocument.NAME);
                if (terms == null) continue;
                TermsEnum te = terms.iterator();
                if (!te.seekExact(key)) continue;
                PostingsEnum postings = te.postings(null, PostingsEnum.NONE);
                Bits live = leaf.reader().getLiveDocs();
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    if (live == null || live.get(doc)) return PackageDocument.read(leaf.reader(), doc, decoded);
                }
            }
            return null;
        } finally {
            searchers.release(searcher);
        }
    }

    /**
     * One page of packages for {@code query}. Never throws on what a person typed: the text is
     * split into words and known filters by {@link PackageQueryParser}, never parsed as Lucene
     * syntax. When no package matches every word, packages matching any word are returned.
     */
    @Override
    public SearchPage search(SearchQuery query) throws IOException {
        makeSearchable();
        refreshIfDue();
        IndexSearcher searcher = searchers.acquire();
        try {
            if (pages == null) return compute(searcher, query);
            PageKey key = new PageKey(query, ((DirectoryReader) searcher.getIndexReader()).getVersion());
            SearchPage page = pages.getIfPresent(key);
            if (page == null) {
                page = compute(searcher, query);
                pages.put(key, page);
            }
            return page;
        } finally {
            searchers.release(searcher);
        }
    }

    private SearchPage compute(IndexSearcher searcher, SearchQuery query) throws IOException {
        PackageQueryParser.Parsed parsed = parser.split(query.text());
        int wanted = Math.max(1, query.offset() + query.limit());
        TopDocs top = ranked(searcher, parser.query(parsed, searcher, true), parsed, query.sort(), wanted);
        if (top.totalHits.value() == 0 && parsed.words().size() > 1) {
            top = ranked(searcher, parser.query(parsed, searcher, false), parsed, query.sort(), wanted);
        }
        long total = top.totalHits.value();
        ScoreDoc[] docs = top.scoreDocs;
        int from = Math.min(query.offset(), docs.length);
        ScoreDoc[] page = java.util.Arrays.copyOfRange(docs, from, Math.min(docs.length, from + query.limit()));
        List<SearchHit> hits = PackageDocument.hits(searcher.getIndexReader().leaves(), page, decoded);
        return new SearchPage(total, hits);
    }

    private static final Sort BY_DOWNLOADS = new Sort(new SortField(PackageDocument.DOWNLOADS, SortField.Type.LONG, true),
            new SortField(PackageDocument.NAME_SORT, SortField.Type.STRING));
    private static final Sort BY_RECENT = new Sort(new SortField(PackageDocument.PUBLISHED, SortField.Type.LONG, true),
            new SortField(PackageDocument.NAME_SORT, SortField.Type.STRING));

    /** The top {@code wanted} in the asked order, with the exact number of matches counted in the same pass. */
    private static TopDocs ranked(IndexSearcher searcher, Query query, PackageQueryParser.Parsed parsed,
                                  SearchQuery.Sort sort, int wanted) throws IOException {
        return switch (sort) {
            // Without words there is nothing to be relevant to: the most used packages come first.
            case RELEVANCE -> parsed.hasText()
                    ? searcher.search(query, new BoostedTopDocs(wanted))
                    : searcher.search(query, new TopFieldCollectorManager(BY_DOWNLOADS, wanted, Integer.MAX_VALUE));
            case DOWNLOADS -> searcher.search(query, new TopFieldCollectorManager(BY_DOWNLOADS, wanted, Integer.MAX_VALUE));
            case RECENT -> searcher.search(query, new TopFieldCollectorManager(BY_RECENT, wanted, Integer.MAX_VALUE));
        };
    }

    /** Hits and misses of the page cache since start (all zero when it is off). */
    public CacheStats pageCacheStats() {
        return pages == null ? CacheStats.empty() : pages.stats();
    }

    /** Number of index segments searched per query (a cost the benchmark reports). */
    public int segmentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Number of packages in the replica. */
    public int packageCount() throws IOException {
        makeSearchable();
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** The layout of this build's index; a snapshot of another layout is of no use to it. */
    public static String layout() {
        return CURRENT_LAYOUT;
    }

    /**
     * The layout of the index last committed in {@code indexDir}; empty when it holds no index.
     * An index older than layout numbers says "1".
     */
    public static java.util.Optional<String> committedLayout(Path indexDir) throws IOException {
        if (!java.nio.file.Files.isDirectory(indexDir)) return java.util.Optional.empty();
        try (Directory dir = FSDirectory.open(indexDir)) {
            if (!DirectoryReader.indexExists(dir)) return java.util.Optional.empty();
            return java.util.Optional.of(SegmentInfos.readLatestCommit(dir).getUserData().getOrDefault(LAYOUT, "1"));
        }
    }

    /** The next offset per partition a commit's user data says it includes. */
    static Map<Integer, Long> offsetsOf(Map<String, String> commitData) {
        Map<Integer, Long> offsets = new java.util.TreeMap<>();
        commitData.forEach((k, v) -> {
            if (k.startsWith(OFFSET_PREFIX)) offsets.put(Integer.parseInt(k.substring(OFFSET_PREFIX.length())), Long.parseLong(v));
        });
        return offsets;
    }

    /** Where the log was resumed from when this replica opened (empty: from the start). */
    public Map<Integer, Long> resumedFrom() {
        return resumedFrom;
    }

    /** Events applied since this replica opened (a node that bootstrapped from a snapshot applied only the tail). */
    public long appliedEvents() {
        return appliedEvents.get();
    }

    /**
     * A commit's files, kept on disk until {@link #release}: the search index as of
     * {@code offsets}, what a snapshot copies while the tail goes on applying and merging.
     */
    public record HeldCommit(Path dir, java.util.Collection<String> files, Map<Integer, Long> offsets, IndexCommit commit) {}

    /** Commits what is applied and holds that commit; blocks the tail only for the commit itself. */
    public HeldCommit holdCommit() throws IOException {
        writing.lock();
        try {
            commit();
            IndexCommit held = heldCommits.snapshot();
            return new HeldCommit(indexDir, List.copyOf(held.getFileNames()), offsetsOf(held.getUserData()), held);
        } finally {
            writing.unlock();
        }
    }

    /** Lets merges remove the held commit's files once they are no longer the latest commit's. */
    public void release(HeldCommit held) throws IOException {
        heldCommits.release(held.commit());
        writer.deleteUnusedFiles();
    }

    public void commit() throws IOException {
        writing.lock();
        try {
            writer.commit();
            lastCommit = System.nanoTime();
        } finally {
            writing.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        writing.lock();
        try {
            commit();
        } finally {
            try {
                searchers.close();
                writer.close();
                directory.close();
            } finally {
                writing.unlock();
            }
        }
    }
}
