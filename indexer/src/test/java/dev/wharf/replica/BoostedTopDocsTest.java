package dev.wharf.replica;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.function.FunctionScoreQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DoubleValuesSource;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * The ranking collector against Lucene's own way of multiplying relevance by a doc value
 * ({@code FunctionScoreQuery} + {@code TopScoreDocCollector}): same documents, same order
 * (ties included), same scores, same exact total, over several segments.
 */
class BoostedTopDocsTest {

    static final String[] WORDS = {"http", "router", "json", "parser", "cache", "client", "server", "codec"};

    @Test
    void ranks_and_counts_exactly_like_lucene_with_a_multiplicative_boost() throws Exception {
        Random random = new Random(42);
        try (ByteBuffersDirectory dir = new ByteBuffersDirectory();
             IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(new WhitespaceAnalyzer()))) {
            for (int i = 0; i < 3000; i++) {
                Document doc = new Document();
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < 1 + random.nextInt(4); w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
                doc.add(new TextField("text", text.toString(), Field.Store.NO));
                // Many packages share a popularity (no downloads), so ties are common.
                long downloads = random.nextInt(3) == 0 ? 0 : (long) Math.pow(10, random.nextDouble() * 7);
                doc.add(new DoubleDocValuesField(PackageDocument.POPULARITY, PackageDocument.popularity(downloads)));
                writer.addDocument(doc);
                if (i % 700 == 699) writer.commit(); // several segments
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(dir)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                assertThat(reader.leaves().size()).isGreaterThan(1);
                for (int trial = 0; trial < 40; trial++) {
                    Query query = randomQuery(random);
                    for (int wanted : new int[] {1, 5, 20, 120}) {
                        TopDocs expected = searcher.search(
                                FunctionScoreQuery.boostByValue(query, DoubleValuesSource.fromDoubleField(PackageDocument.POPULARITY)),
                                new TopScoreDocCollectorManager(wanted, Integer.MAX_VALUE));
                        TopDocs actual = searcher.search(query, new BoostedTopDocs(wanted));
                        assertThat(actual.totalHits).as("%s top %d", query, wanted).isEqualTo(expected.totalHits);
                        assertThat(docsAndScores(actual)).as("%s top %d", query, wanted).isEqualTo(docsAndScores(expected));
                    }
                }
            }
        }
    }

    static java.util.List<String> docsAndScores(TopDocs top) {
        return java.util.Arrays.stream(top.scoreDocs).map(d -> d.doc + "=" + d.score).toList();
    }

    /** Constant-score name-like signals (ties) mixed with a BM25 term, as the query parser builds them. */
    static Query randomQuery(Random random) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int c = 0; c < 1 + random.nextInt(3); c++) {
            Query term = new TermQuery(new Term("text", WORDS[random.nextInt(WORDS.length)]));
            query.add(random.nextBoolean() ? new BoostQuery(new ConstantScoreQuery(term), 1 + random.nextInt(20)) : term, Occur.SHOULD);
        }
        return query.build();
    }
}
