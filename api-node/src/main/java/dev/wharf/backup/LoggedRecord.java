package dev.wharf.backup;

/**
 * One record of the event log, as a line of {@code events.jsonl}: where it was, its key (the
 * package name: the partitioner's input), its timestamp (downloads without {@code counted_at}
 * fall on that day) and its bytes, base64, exactly as they were on the log.
 */
public record LoggedRecord(int partition, long offset, long timestamp, String key, String value) {}
