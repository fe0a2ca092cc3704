package dev.wharf.downloads;

import dev.wharf.domain.InvalidInput;
import dev.wharf.domain.PackageVersion;
import dev.wharf.events.DownloadsCounted;
import dev.wharf.metadata.MetadataTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Folds {@code DownloadsCounted} into downloads per UTC day and version, inside the metadata
 * projection's transaction (so a batch's daily counts commit with its offsets, exactly once).
 * The day is the event's {@code counted_at}; an event from before that field existed takes the
 * log record's timestamp, which the log keeps, so a rebuild from the log files it on the same
 * day. One with neither (never on a real log) counts in the totals only.
 */
public final class DownloadDays {

    private DownloadDays() {}

    public static void apply(MetadataTransaction tx, DownloadsCounted event, long recordTimestampMillis) {
        Instant at = event.countedAt() != null ? Instant.ofEpochSecond(event.countedAt())
                : recordTimestampMillis >= 0 ? Instant.ofEpochMilli(recordTimestampMillis) : null;
        if (at == null) return;
        String day = dayOf(at).toString();
        event.countsByVersion().forEach((version, count) -> {
            try {
                PackageVersion v = PackageVersion.parse(version);
                if (count > 0) tx.addDailyDownloads(event.name(), day, v.key(), v.toString(), count);
            } catch (InvalidInput e) {
                // The totals' projection already logged it; a bad version has no day either.
            }
        });
    }

    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
