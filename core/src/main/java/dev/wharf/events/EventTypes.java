package dev.wharf.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types a build can read and write, with the upcasters from older schema versions.
 * Immutable: {@link #with} returns a new registry, so a test can stand for "the next release"
 * by adding a type to {@link #BUILT_IN} and handing the result to a tail or a replay.
 *
 * <p>Adding an event type: a record with {@code TYPE} and {@code SCHEMA} constants, listed in
 * {@link RegistryEvent}'s {@code permits} and in {@link #BUILT_IN} below, plus a golden file
 * (docs/events.md, "How to add an event type"). {@code EventSchemaTest} fails until all three
 * agree.
 */
public final class EventTypes {

    /** Every event type this build knows. One line per type. */
    public static final EventTypes BUILT_IN = new EventTypes(Map.of(), Map.of(), Map.of())
            .with(EventType.of(PublishVersion.TYPE, PublishVersion.SCHEMA, PublishVersion.class))
            .with(EventType.of(DownloadsCounted.TYPE, DownloadsCounted.SCHEMA, DownloadsCounted.class))
            .with(EventType.of(TokenIssued.TYPE, TokenIssued.SCHEMA, TokenIssued.class))
            .with(EventType.of(TokenRevoked.TYPE, TokenRevoked.SCHEMA, TokenRevoked.class))
            .with(EventType.of(VersionYanked.TYPE, VersionYanked.SCHEMA, VersionYanked.class))
            .with(EventType.of(VersionUnyanked.TYPE, VersionUnyanked.SCHEMA, VersionUnyanked.class))
            .with(EventType.of(PackageDeprecated.TYPE, PackageDeprecated.SCHEMA, PackageDeprecated.class));

    private final Map<String, EventType<?>> byName;
    private final Map<Class<?>, EventType<?>> byRecord;
    private final Map<String, Upcaster> upcasters;

    private EventTypes(Map<String, EventType<?>> byName, Map<Class<?>, EventType<?>> byRecord, Map<String, Upcaster> upcasters) {
        this.byName = byName;
        this.byRecord = byRecord;
        this.upcasters = upcasters;
    }

    /**
     * This registry plus one type. A record already known under another name stays written
     * under its first name and is also read under the new one: that is how a renamed type
     * keeps its old events readable.
     */
    public EventTypes with(EventType<?> type) {
        if (byName.containsKey(type.name())) throw new IllegalArgumentException("event type " + type.name() + " is already known");
        Map<String, EventType<?>> names = new LinkedHashMap<>(byName);
        names.put(type.name(), type);
        Map<Class<?>, EventType<?>> records = new LinkedHashMap<>(byRecord);
        records.putIfAbsent(type.record(), type);
        return new EventTypes(Map.copyOf(names), Map.copyOf(records), upcasters);
    }

    /** This registry without one type (a test standing for a release where that type moved to a new schema). */
    public EventTypes without(String name) {
        Map<String, EventType<?>> names = new LinkedHashMap<>(byName);
        EventType<?> gone = names.remove(name);
        Map<Class<?>, EventType<?>> records = new LinkedHashMap<>();
        names.values().forEach(t -> records.putIfAbsent(t.record(), t));
        return gone == null ? this : new EventTypes(Map.copyOf(names), Map.copyOf(records), upcasters);
    }

    /** This registry plus one upcaster from {@code upcaster.from()} to the next schema. */
    public EventTypes with(Upcaster upcaster) {
        String key = key(upcaster.type(), upcaster.from());
        if (upcasters.containsKey(key)) throw new IllegalArgumentException("an upcaster for " + key + " is already known");
        Map<String, Upcaster> all = new LinkedHashMap<>(upcasters);
        all.put(key, upcaster);
        return new EventTypes(byName, byRecord, Map.copyOf(all));
    }

    public Optional<EventType<?>> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The type an event is written as. */
    public EventType<?> of(RegistryEvent event) {
        EventType<?> type = byRecord.get(event.getClass());
        if (type == null) throw new IllegalArgumentException("no event type registered for " + event.getClass().getName());
        return type;
    }

    Optional<Upcaster> upcaster(String type, int from) {
        return Optional.ofNullable(upcasters.get(key(type, from)));
    }

    public List<EventType<?>> all() {
        return List.copyOf(byName.values());
    }

    private static String key(String type, int from) {
        return type + "@" + from;
    }
}
