package dev.wharf.browse;

import dev.wharf.wire.PackageMeta;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A version as the pages show it: the metadata plus the display forms templates should not
 * compute (dates, sizes, links). Links a publisher wrote are kept only when they are http(s),
 * so a {@code javascript:} URL never becomes an href.
 */
public record PackageCard(PackageMeta meta, String pageUrl, String published, String publishedIso, String size,
                          String installLine, String repositoryUrl, String witUrl, List<Interface> imports,
                          List<Interface> exports) {

    /** An interface name and the search that lists every package using it the same way. */
    public record Interface(String name, String searchUrl) {}

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    static PackageCard of(PackageMeta meta) {
        Instant at = Instant.ofEpochSecond(meta.publishedAt());
        return new PackageCard(meta, "/browse/" + encode(meta.name()), DATE.format(at), at.toString(), size(meta.size()),
                "run v2 install " + meta.name() + "@" + meta.version(), webLink(meta.repository()), webLink(meta.witUrl()),
                interfaces("imports", meta.imports()), interfaces("exports", meta.exports()));
    }

    private static List<Interface> interfaces(String filter, List<String> names) {
        return names == null ? List.of() : names.stream().map(n -> {
            int at = n.indexOf('@');
            String bare = at < 0 ? n : n.substring(0, at);
            return new Interface(n, "/browse?q=" + encode(filter + ":" + bare));
        }).toList();
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static String webLink(String url) {
        if (url == null) return null;
        String lower = url.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
