package dev.wharf.browse;

import dev.wharf.metadata.MetadataStore;
import dev.wharf.metadata.RegistryStats;
import dev.wharf.metadata.VersionRecord;
import dev.wharf.packages.PackageMeta;
import dev.wharf.packages.PackageReads;
import dev.wharf.search.PackageSearch;
import dev.wharf.search.SearchPage;
import dev.wharf.search.SearchQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** HTML pages: the package list with a search box, and one page per package. */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class BrowseResource {

    private static final int PAGE_SIZE = 20;

    private final MetadataStore metadata;
    private final PackageReads reads;
    private final PackageSearch search;
    private final String registryUrl;

    public BrowseResource(MetadataStore metadata, PackageReads reads, PackageSearch search, String registryUrl) {
        this.metadata = metadata;
        this.reads = reads;
        this.search = search;
        this.registryUrl = registryUrl;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/browse")).build();
    }

    @GET
    @Path("browse")
    public BrowsePage list(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("sort") String sort) {
        int pageNumber = Math.max(1, parsePage(page));
        SearchQuery query = PackageSearch.query(q, Integer.toString(PAGE_SIZE),
                Integer.toString(Math.min((pageNumber - 1) * PAGE_SIZE, PackageSearch.MAX_OFFSET)), sort);
        SearchPage found = search.page(query);
        RegistryStats stats = metadata.stats();
        Map<String, Object> model = new HashMap<>();
        model.put("q", query.text());
        model.put("sort", query.sort().name().toLowerCase());
        model.put("page", pageNumber);
        model.put("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        model.put("total", found.total());
        model.put("hits", found.hits().stream().map(h -> PackageMeta.of(h.latest(), h.downloads(), registryUrl)).toList());
        model.put("stats", stats);
        return new BrowsePage("list.ftlh", model);
    }

    @GET
    @Path("browse/{name: .+}")
    public BrowsePage detail(@PathParam("name") String name) {
        List<VersionRecord> versions = reads.versionRecords(name);
        VersionRecord latest = metadata.latest(dev.wharf.domain.PackageName.parse(name)).orElse(versions.getLast());
        Map<String, Object> model = new HashMap<>();
        model.put("name", latest.name());
        model.put("latest", PackageMeta.of(latest, registryUrl));
        model.put("versions", versions.reversed().stream().map(v -> PackageMeta.of(v, registryUrl)).toList());
        model.put("downloads", versions.stream().mapToLong(VersionRecord::downloads).sum());
        return new BrowsePage("package.ftlh", model);
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
