package dev.wharf.search;

import dev.wharf.registry.PackageSearch;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import dev.wharf.packages.Representations;
import dev.wharf.registry.SearchPage;
import dev.wharf.wire.SearchResults;

/** {@code GET /api/v1/search?q=&limit=&offset=&sort=}. */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {

    private final PackageSearch search;
    private final String registryUrl;

    public SearchResource(PackageSearch search, String registryUrl) {
        this.search = search;
        this.registryUrl = registryUrl;
    }

    @GET
    public SearchResults search(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                @QueryParam("offset") String offset, @QueryParam("sort") String sort) {
        SearchPage page = search.page(PackageSearch.query(q, limit, offset, sort));
        return new SearchResults(page.hits().stream()
                .map(hit -> Representations.meta(hit, registryUrl)).toList(), page.total());
    }
}
