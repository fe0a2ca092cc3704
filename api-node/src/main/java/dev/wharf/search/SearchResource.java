package dev.wharf.search;

import dev.wharf.registry.PackageSearch;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/v1/search?q=&limit=&offset=&sort=}. */
@Path("/api/v1/search")
@Produces(MediaType.APPLICATION_JSON)
public final class SearchResource {

    private final PackageSearch search;

    public SearchResource(PackageSearch search) {
        this.search = search;
    }

    @GET
    public Map<String, Object> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
                                      @QueryParam("offset") String offset, @QueryParam("sort") String sort) {
        return search.search(PackageSearch.query(q, limit, offset, sort));
    }
}
