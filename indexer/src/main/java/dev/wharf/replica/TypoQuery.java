package dev.wharf.replica;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * The terms of one field within a few edits of a word, from an automaton compiled once and
 * shared by every field and every query that guesses the same word ({@code AutomatonQuery}
 * would compile it again per field).
 */
final class TypoQuery extends MultiTermQuery {

    private final Term word;
    private final int edits;
    private final CompiledAutomaton automaton;

    TypoQuery(Term word, int edits, CompiledAutomaton automaton) {
        super(word.field(), CONSTANT_SCORE_BLENDED_REWRITE);
        this.word = word;
        this.edits = edits;
        this.automaton = automaton;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
        return automaton.getTermsEnum(terms);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) automaton.visit(visitor, this, field);
    }

    @Override
    public String toString(String field) {
        return (this.field.equals(field) ? "" : this.field + ":") + word.text() + "~" + edits;
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && word.equals(((TypoQuery) other).word) && edits == ((TypoQuery) other).edits;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), word, edits);
    }
}
