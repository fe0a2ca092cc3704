package dev.wharf.inspect;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a WebAssembly binary is and what it talks to: for a component the WIT interface names
 * it imports and exports (and its world, where the binary names one); for a core module the
 * import modules and export names. Travels in the publish event, so every projection sees the
 * same answer without re-reading the bytes.
 */
public record WasmSummary(
        // Pinned: this record is also the body of PublishVersion.wasm on the log (docs/events.md).
        @JsonProperty("kind") String kind,
        @JsonProperty("imports") List<String> imports,
        @JsonProperty("exports") List<String> exports,
        @JsonProperty("world") String world) {

    public static final String COMPONENT = "component";
    public static final String MODULE = "module";

    public WasmSummary {
        imports = imports == null ? List.of() : List.copyOf(imports);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
