package dev.wharf.projection;

/**
 * Where a tail stopped applying one partition: the first record there this build cannot read.
 * Nothing at or after {@code offset} in that partition is applied until a build that reads it
 * starts; the stored position still points here, so the upgraded node applies it first.
 *
 * @param type   the envelope's type, or null when the record is not an envelope at all
 * @param schema the envelope's schema, or -1 when the record is not an envelope at all
 */
public record StoppedPartition(int partition, long offset, String type, int schema, String reason) {

    /** One line for {@code /health} and the log, naming the event and what to do. */
    public String describe() {
        return "stopped at partition " + partition + " offset " + offset + ": " + reason + "; upgrade this node";
    }
}
