package dev.wharf.search;

import dev.wharf.errors.ApiError;
import dev.wharf.packages.PackageMeta;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Search over this node's replica, answered in the Run protocol's shape. */
public final class PackageSearch {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;
    public static final int MAX_TEXT = 256;

    private final SearchReplica replica;
    private final String registryUrl;

    public PackageSearch(SearchReplica replica, String registryUrl) {
        this.replica = replica;
        this.registryUrl = registryUrl;
    }

    public SearchPage page(SearchQuery query) {
        try {
            return replica.search(query);
        } catch (IOException e) {
            throw ApiError.unavailable("the search index is unavailable right now");
        }
    }

    public Map<String, Object> search(SearchQuery query) {
        SearchPage page = page(query);
        List<PackageMeta> packages = page.hits().stream()
                .map(hit -> PackageMeta.of(hit.latest(), hit.downloads(), registryUrl)).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("packages", packages);
        body.put("total", page.total());
        return body;
    }

    /** Parses the paging parameters the way every search entry point accepts them. */
    public static SearchQuery query(String q, String limit, String offset, String sort) {
        int l = number("limit", limit, DEFAULT_LIMIT);
        int o = number("offset", offset, 0);
        // limit=0 counts without listing (Run's reference server answers it too): {"packages": [], "total": n}.
        if (l < 0) throw ApiError.badRequest("limit must not be negative");
        if (o < 0) throw ApiError.badRequest("offset must not be negative");
        if (o > MAX_OFFSET) throw ApiError.badRequest("offset must be at most " + MAX_OFFSET);
        if (q != null && q.length() > MAX_TEXT) throw ApiError.badRequest("q is longer than " + MAX_TEXT + " characters");
        SearchQuery.Sort s = sortNamed(sort).orElseThrow(() -> ApiError.badRequest("sort must be relevance, downloads or recent"));
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
            throw ApiError.badRequest(name + " must be a whole number");
        }
    }
}
