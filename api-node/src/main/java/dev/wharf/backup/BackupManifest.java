package dev.wharf.backup;

import java.util.Map;

/**
 * {@code manifest.json} of a backup, written last: a directory without it is an unfinished
 * backup and restore refuses it. {@code endOffsets} is the log position the backup is consistent at.
 */
public record BackupManifest(int format, String topic, int partitions, Map<Integer, Long> endOffsets,
                             long events, long blobs, long createdAt) {

    public static final int FORMAT = 1;
    public static final String FILE = "manifest.json";
    public static final String EVENTS = "events.jsonl";
    public static final String BLOBS = "blobs";
}
