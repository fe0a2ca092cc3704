package dev.wharf.downloads;

import dev.wharf.domain.PackageVersion;
import dev.wharf.metadata.MetadataStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads downloads per day: the last {@code days} UTC days up to today, every day present (zeros included). */
public final class DownloadHistory {

    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 366;

    /** One UTC day: downloads per version (in semver order) and their sum. */
    public record Day(String date, Map<String, Long> versions, long total) {}

    /** {@code GET /api/v1/packages/{name}/downloads}: oldest day first, ending today. */
    public record Daily(String name, List<Day> days) {}

    private final MetadataStore store;
    private final Clock clock;

    public DownloadHistory(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public Daily lastDays(String name, int days) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        record Row(String day, String versionKey, String version, long downloads) {}
        List<Row> rows = store.jdbi().withHandle(h -> h.createQuery("""
                        SELECT day, version_key, version, downloads FROM download_days
                        WHERE name = :name AND day >= :first AND day <= :last""")
                .bind("name", name).bind("first", first.toString()).bind("last", today.toString())
                .map((rs, ctx) -> new Row(rs.getString("day"), rs.getString("version_key"), rs.getString("version"),
                        rs.getLong("downloads")))
                .list());
        Map<String, TreeMap<PackageVersion, Row>> byDay = new TreeMap<>();
        for (Row r : rows) byDay.computeIfAbsent(r.day(), d -> new TreeMap<>()).put(PackageVersion.parse(r.version()), r);
        List<Day> out = new ArrayList<>(days);
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            Map<String, Long> versions = new LinkedHashMap<>();
            long total = 0;
            for (Row r : byDay.getOrDefault(d.toString(), new TreeMap<>()).values()) {
                versions.put(r.version(), r.downloads());
                total += r.downloads();
            }
            out.add(new Day(d.toString(), versions, total));
        }
        return new Daily(name, out);
    }
}
