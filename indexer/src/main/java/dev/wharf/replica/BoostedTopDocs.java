package dev.wharf.replica;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;

/**
 * The best {@code wanted} matches by relevance times popularity, and the exact number of
 * matches. A match's popularity is read only when, at the largest popularity there is, it could
 * still enter the page: most matches of a broad query are counted and dismissed without
 * touching doc values. Equal scores keep index order, as Lucene's own collectors do.
 */
final class BoostedTopDocs implements CollectorManager<BoostedTopDocs.Best, TopDocs> {

    private static final Comparator<ScoreDoc> WORST_FIRST =
            (a, b) -> a.score != b.score ? Float.compare(a.score, b.score) : Integer.compare(b.doc, a.doc);

    private final int wanted;

    BoostedTopDocs(int wanted) {
        this.wanted = wanted;
    }

    @Override
    public Best newCollector() {
        return new Best(wanted);
    }

    @Override
    public TopDocs reduce(Collection<Best> collectors) {
        PriorityQueue<ScoreDoc> all = new PriorityQueue<>(WORST_FIRST);
        long total = 0;
        for (Best b : collectors) {
            total += b.total;
            for (ScoreDoc d : b.queue) offer(all, d, wanted);
        }
        List<ScoreDoc> sorted = new ArrayList<>(all);
        sorted.sort(WORST_FIRST.reversed());
        return new TopDocs(new TotalHits(total, TotalHits.Relation.EQUAL_TO), sorted.toArray(ScoreDoc[]::new));
    }

    private static void offer(PriorityQueue<ScoreDoc> queue, ScoreDoc d, int wanted) {
        if (queue.size() < wanted) {
            queue.add(d);
        } else if (WORST_FIRST.compare(d, queue.peek()) > 0) {
            queue.poll();
            queue.add(d);
        }
    }

    static final class Best implements Collector {
        private final int wanted;
        private final PriorityQueue<ScoreDoc> queue = new PriorityQueue<>(WORST_FIRST);
        private long total;

        Best(int wanted) {
            this.wanted = wanted;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE;
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            NumericDocValues popularity = context.reader().getNumericDocValues(PackageDocument.POPULARITY);
            int base = context.docBase;
            return new LeafCollector() {
                private Scorable scorer;

                @Override
                public void setScorer(Scorable scorer) {
                    this.scorer = scorer;
                }

                @Override
                public void collect(int doc) throws IOException {
                    total++;
                    float relevance = scorer.score();
                    // Documents arrive in index order and ties lose to what came first, so a score
                    // that does not beat the worst on a full page is not competitive.
                    boolean full = queue.size() == wanted;
                    if (full && relevance * PackageDocument.MAX_POPULARITY <= queue.peek().score) return;
                    double boost = popularity != null && popularity.advanceExact(doc)
                            ? Double.longBitsToDouble(popularity.longValue()) : 1.0;
                    float score = (float) (relevance * boost);
                    if (full) {
                        if (score <= queue.peek().score) return;
                        queue.poll();
                    }
                    queue.add(new ScoreDoc(base + doc, score));
                }
            };
        }
    }
}
