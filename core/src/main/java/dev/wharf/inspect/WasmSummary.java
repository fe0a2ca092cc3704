package dev.wharf.inspect;

import java.util.List;

/**
 * What a WebAssembly binary is and what it talks to: for a component the WIT interface names
 * it imports and exports (and its world, where the binary names one); for a core module the
 * import modules and export names. Travels in the publish event, so every projection sees the
 * same answer without re-reading the bytes.
 */
public record WasmSummary(String kind, List<String> imports, List<String> exports, String world) {

    public static final String COMPONENT = "component";
    public static final String MODULE = "module";

    public WasmSummary {
        imports = imports == null ? List.of() : List.copyOf(imports);
        exports = exports == null ? List.of() : List.copyOf(exports);
    }
}
