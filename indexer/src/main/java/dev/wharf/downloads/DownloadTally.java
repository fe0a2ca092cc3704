package dev.wharf.downloads;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.metadata.MetadataTransaction;
import dev.wharf.metadata.MetadataTransaction.DayDownloads;
import dev.wharf.metadata.MetadataTransaction.VersionDownloads;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code DownloadsCounted} events of one batch of the log, added up per version and per UTC
 * day and version, then written inside the metadata projection's transaction (so a batch's
 * counts commit with its offsets, exactly once) in two prepared batches. A download storm brings
 * one event per package every few seconds; a statement per version and day, and parsing each
 * version again, were most of the projection's CPU (issue #12's JFR of the 50 KB download cell).
 *
 * <p>The day is the event's {@code counted_at}; an event from before that field existed takes the
 * log record's timestamp, which the log keeps, so a rebuild from the log files it on the same
 * day. One with neither (never on a real log) counts in the totals only.
 */
public final class DownloadTally {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadTally.class);

    private record Total(String name, String versionKey) {}

    private record Day(String name, String day, String versionKey, String version) {}

    private final Map<Total, Long> totals = new LinkedHashMap<>();
    private final Map<Day, Long> days = new LinkedHashMap<>();
    private final Map<String, Optional<PackageVersion>> parsed = new HashMap<>();

    /** Adds one event's counts; {@code recordTimestampMillis} is the log record's, or negative when unknown. */
    public void add(DownloadsCounted event, long recordTimestampMillis) {
        Instant at = event.countedAt() != null ? Instant.ofEpochSecond(event.countedAt())
                : recordTimestampMillis >= 0 ? Instant.ofEpochMilli(recordTimestampMillis) : null;
        String day = at == null ? null : dayOf(at).toString();
        event.countsByVersion().forEach((version, count) -> {
            Optional<PackageVersion> v = parsed.computeIfAbsent(version, DownloadTally::parse);
            if (v.isEmpty()) {
                LOG.warn("ignoring download count for bad version {}@{}", event.name(), version);
                return;
            }
            totals.merge(new Total(event.name(), v.get().key()), count, Long::sum);
            if (day != null && count > 0) days.merge(new Day(event.name(), day, v.get().key(), v.get().toString()), count, Long::sum);
        });
    }

    /** Writes what was added, in the caller's transaction. */
    public void writeTo(MetadataTransaction tx) {
        tx.addDownloads(totals.entrySet().stream()
                .map(e -> new VersionDownloads(e.getKey().name(), e.getKey().versionKey(), e.getValue())).toList());
        tx.addDailyDownloads(days.entrySet().stream()
                .map(e -> new DayDownloads(e.getKey().name(), e.getKey().day(), e.getKey().versionKey(), e.getKey().version(), e.getValue()))
                .toList());
    }

    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static Optional<PackageVersion> parse(String version) {
        try {
            return Optional.of(PackageVersion.parse(version));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }
}
