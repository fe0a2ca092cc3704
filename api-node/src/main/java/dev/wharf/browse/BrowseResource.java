package dev.wharf.browse;

import dev.wharf.domain.PackageName;
import dev.wharf.ports.MetadataReads;
import dev.wharf.packages.Representations;
import dev.wharf.domain.VersionRecord;
import dev.wharf.registry.PackageReads;
import dev.wharf.registry.PackageSearch;
import dev.wharf.registry.SearchPage;
import dev.wharf.registry.SearchQuery;
import dev.wharf.stats.RegistryHighlights;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTML pages: the front page (search box, highlights, every package), search results with
 * pagination, and one page per package. Templates are .ftlh, so FreeMarker escapes every value;
 * pages also carry a Content-Security-Policy that allows only our own script and style files,
 * so even a value that slipped through could not run.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=utf-8")
public final class BrowseResource {

    static final int PAGE_SIZE = 20;
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> ASSETS = Map.of("wharf.css", "text/css;charset=utf-8",
            "wharf.js", "text/javascript;charset=utf-8");

    private final MetadataReads metadata;
    private final PackageReads reads;
    private final PackageSearch search;
    private final RegistryHighlights highlights;
    private final String registryUrl;

    private final dev.wharf.downloads.DownloadHistory downloads;

    public BrowseResource(MetadataReads metadata, PackageReads reads, PackageSearch search, String registryUrl,
                          dev.wharf.downloads.DownloadHistory downloads) {
        this.downloads = downloads;
        this.metadata = metadata;
        this.reads = reads;
        this.search = search;
        this.highlights = new RegistryHighlights(metadata, Duration.ofSeconds(2));
        this.registryUrl = registryUrl;
    }

    @GET
    public Response root() {
        return Response.seeOther(URI.create("/browse")).build();
    }

    @GET
    @Path("browse")
    public Response list(@QueryParam("q") String q, @QueryParam("page") String page, @QueryParam("sort") String sort) {
        int lastPage = PackageSearch.MAX_OFFSET / PAGE_SIZE + 1;
        int pageNumber = Math.min(Math.max(1, parsePage(page)), lastPage);
        // A page people reach by links and by hand: odd values fall back to the defaults rather
        // than answering an API error (as a page number that is not a number already does).
        String text = q != null && q.length() > PackageSearch.MAX_TEXT ? q.substring(0, PackageSearch.MAX_TEXT) : q;
        String order = PackageSearch.sortNamed(sort).isPresent() ? sort : null;
        SearchQuery query = PackageSearch.query(text, Integer.toString(PAGE_SIZE),
                Integer.toString((pageNumber - 1) * PAGE_SIZE), order);
        SearchPage found = search.page(query);
        int pages = (int) Math.max(1, Math.min(lastPage, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
        boolean front = query.text().isEmpty() && pageNumber == 1;
        Map<String, Object> model = new HashMap<>();
        model.put("q", query.text());
        model.put("sort", query.sort().name().toLowerCase());
        model.put("page", pageNumber);
        model.put("pages", pages);
        model.put("pageLinks", PageLink.around(pageNumber, pages));
        model.put("total", found.total());
        model.put("first", found.total() == 0 ? 0 : (pageNumber - 1) * PAGE_SIZE + 1);
        model.put("last", (pageNumber - 1) * PAGE_SIZE + found.hits().size());
        model.put("hits", found.hits().stream().map(h -> PackageCard.of(Representations.meta(h, registryUrl))).toList());
        model.put("stats", highlights.totals());
        model.put("front", front);
        if (front) model.put("highlights", highlights.lists());
        return page(new BrowsePage("list.ftlh", model));
    }

    @GET
    @Path("browse/{name: .+}")
    public Response detail(@PathParam("name") String name) {
        List<VersionRecord> versions = reads.versions(name);
        VersionRecord latest = metadata.latest(PackageName.parse(name)).orElse(versions.getLast());
        Map<String, Object> model = new HashMap<>();
        model.put("name", latest.name());
        model.put("card", PackageCard.of(Representations.meta(latest, registryUrl)));
        model.put("versions", versions.reversed().stream().map(v -> PackageCard.of(Representations.meta(v, registryUrl))).toList());
        model.put("downloads", versions.stream().mapToLong(VersionRecord::downloads).sum());
        model.put("chart", DownloadChart.of(downloads.lastDays(latest.name(), dev.wharf.downloads.DownloadHistory.DEFAULT_DAYS)));
        return page(new BrowsePage("package.ftlh", model));
    }

    /** The stylesheet and the copy-button script, from the classpath; nothing else is served here. */
    @GET
    @Path("browse/static/{file}")
    public Response asset(@PathParam("file") String file) throws IOException {
        String type = ASSETS.get(file);
        if (type == null) throw new NotFoundException();
        try (InputStream in = BrowseResource.class.getResourceAsStream("static/" + file)) {
            if (in == null) throw new NotFoundException();
            return Response.ok(in.readAllBytes(), type)
                    .header("Cache-Control", "public, max-age=300")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
    }

    private static Response page(BrowsePage view) {
        return Response.ok(view)
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .build();
    }

    private static int parsePage(String page) {
        try {
            return page == null ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
