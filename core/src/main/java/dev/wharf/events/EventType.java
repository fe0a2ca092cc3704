package dev.wharf.events;

/**
 * One event type as it is written on the log: its wire name, the schema version this build
 * writes and reads natively, and the record it decodes into. The name is a constant declared
 * by the record ({@code PublishVersion.TYPE}), never the Java class name, so renaming a class
 * cannot change a byte of the log (issue 9).
 */
public record EventType<E extends RegistryEvent>(String name, int schema, Class<E> record) {

    public EventType {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("an event type needs a wire name");
        if (schema < 1) throw new IllegalArgumentException("schema versions start at 1: " + name + " " + schema);
    }

    public static <E extends RegistryEvent> EventType<E> of(String name, int schema, Class<E> record) {
        return new EventType<>(name, schema, record);
    }
}
