package dev.wharf.ports;

import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;
import java.io.IOException;

/** This node's search index (a Lucene replica of the log). */
public interface SearchIndex {

    /** One page of packages for a query; never throws on what a person typed. */
    SearchPage search(SearchQuery query) throws IOException;
}
