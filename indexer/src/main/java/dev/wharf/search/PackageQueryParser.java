package dev.wharf.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns what a person types into a Lucene query: the exact name first, then name parts and
 * their prefixes, then the description. Never throws on user text: there is no query syntax
 * to get wrong.
 */
final class PackageQueryParser {

    Query parse(String text) {
        String q = text.toLowerCase(Locale.ROOT).strip();
        if (q.isEmpty()) return new MatchAllDocsQuery();
        List<String> terms = tokens(q);
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        query.add(new BoostQuery(new TermQuery(new Term(PackageDocument.NAME, q)), 20f), BooleanClause.Occur.SHOULD);
        for (String term : terms) {
            BooleanQuery.Builder one = new BooleanQuery.Builder();
            one.add(new BoostQuery(new TermQuery(new Term(PackageDocument.PARTS, term)), 4f), BooleanClause.Occur.SHOULD);
            one.add(new BoostQuery(new PrefixQuery(new Term(PackageDocument.PARTS, term)), 2f), BooleanClause.Occur.SHOULD);
            one.add(new TermQuery(new Term(PackageDocument.DESCRIPTION, term)), BooleanClause.Occur.SHOULD);
            query.add(one.build(), BooleanClause.Occur.SHOULD);
        }
        query.setMinimumNumberShouldMatch(1);
        return query.build();
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }
}
