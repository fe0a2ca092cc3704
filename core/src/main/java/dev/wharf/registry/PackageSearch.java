package dev.wharf.registry;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.Refusal;
import dev.wharf.ports.SearchIndex;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/** Search over this node's replica, and the rules for what a search may ask. */
public final class PackageSearch {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_TEXT = 256;

    private final SearchIndex index;

    public PackageSearch(SearchIndex index) {
        this.index = index;
    }

    public SearchPage page(SearchQuery query) {
        try {
            return index.search(query);
        } catch (IOException e) {
            throw new Refusal.Unavailable("the search index is unavailable right now");
        }
    }

    /** Parses the paging parameters the way every search entry point accepts them. */
    public static SearchQuery query(String q, String limit, String offset, String sort) {
        int l = number("limit", limit, DEFAULT_LIMIT);
        int o = number("offset", offset, 0);
        // limit=0 counts without listing (Run's reference server answers it too): {"packages": [], "total": n}.
        if (l < 0) throw new InvalidInput("limit must not be negative");
        if (o < 0) throw new InvalidInput("offset must not be negative");
        if (o > MAX_OFFSET) throw new InvalidInput("offset must be at most " + MAX_OFFSET);
        if (q != null && q.length() > MAX_TEXT) throw new InvalidInput("q is longer than " + MAX_TEXT + " characters");
        SearchQuery.Sort s = sortNamed(sort).orElseThrow(() -> new InvalidInput("sort must be relevance, downloads or recent"));
        return new SearchQuery(q, Math.min(l, MAX_LIMIT), o, s);
    }

    /** The order a {@code sort} parameter names (none given means relevance); empty when it names no order. */
    public static Optional<SearchQuery.Sort> sortNamed(String sort) {
        if (sort == null || sort.isBlank()) return Optional.of(SearchQuery.Sort.RELEVANCE);
        try {
            return Optional.of(SearchQuery.Sort.valueOf(sort.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int number(String name, String value, int fallback) {
        if (value == null || value.isBlank()) return fallback;
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInput(name + " must be a whole number");
        }
    }
}
