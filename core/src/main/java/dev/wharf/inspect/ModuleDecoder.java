package dev.wharf.inspect;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a core WebAssembly module (version 1): its imports as {@code module.name} (the form
 * tools print, e.g. {@code wasi_snapshot_preview1.fd_write}) and its export names. Every
 * section is framed and bounds-checked; code, data and the rest are skipped by their size.
 *
 * <p>A module that {@code jco embed} / {@code wit-bindgen} prepared for {@code component new}
 * carries its WIT world in a custom section named {@code component-type} (or
 * {@code component-type:...}) whose payload is a component in the WIT-package encoding; the
 * world name is taken from there, best effort, and is null when absent or unreadable.
 */
final class ModuleDecoder {

    static final String[] SECTIONS = {
        "custom", "type", "import", "function", "table", "memory", "global", "export",
        "start", "element", "code", "data", "data count", "tag"
    };

    private static final String COMPONENT_TYPE = "component-type";

    private final WasmReader in;
    private final Set<String> imports = new LinkedHashSet<>();
    private final Set<String> exports = new LinkedHashSet<>();
    private String world;

    private ModuleDecoder(WasmReader in) {
        this.in = in;
    }

    /** Decodes the sections from the reader's position (just past the preamble) to the region's end. */
    static WasmSummary decode(WasmReader in) throws IOException {
        ModuleDecoder decoder = new ModuleDecoder(in);
        decoder.sections();
        return new WasmSummary(WasmSummary.MODULE, List.copyOf(decoder.imports),
                List.copyOf(decoder.exports), decoder.world);
    }

    private void sections() throws IOException {
        while (in.remaining() > 0) {
            WasmReader.Section section = in.enterSection(SECTIONS);
            switch (section.id()) {
                case 0 -> {
                    String name = in.name("the custom section name");
                    if (world == null && (name.equals(COMPONENT_TYPE) || name.startsWith(COMPONENT_TYPE + ":"))) {
                        world = embeddedWorld(section);
                    }
                    in.skipRestAndLeave();
                }
                case 2 -> {
                    imports();
                    in.leave();
                }
                case 7 -> {
                    exports();
                    in.leave();
                }
                default -> in.skipRestAndLeave();
            }
        }
    }

    private void imports() throws IOException {
        long n = in.count("the import count");
        for (long i = 0; i < n; i++) {
            String module = in.name("an import module name");
            String name = in.name("an import name");
            CoreTypes.externType(in);
            imports.add(module + "." + name);
        }
    }

    private void exports() throws IOException {
        long n = in.count("the export count");
        for (long i = 0; i < n; i++) {
            String name = in.name("an export name");
            long at = in.position();
            int kind = in.u8("an export kind");
            if (kind > 0x04) throw in.malformed(String.format("export %s at byte %d has unknown kind 0x%02x", name, at, kind));
            in.u32("an export index");
            exports.add(name);
        }
    }

    /**
     * The custom section's payload is a whole component binary; decode it in place. Custom
     * sections do not affect a module's validity, so a payload we cannot read only costs the
     * world name.
     */
    private String embeddedWorld(WasmReader.Section section) throws IOException {
        int depth = in.depth();
        try {
            in.enter(section.end(), "the component-type payload of " + section.label());
            byte[] preamble = in.bytes(8, "the component-type preamble");
            if (WasmInspector.kindOf(preamble) != WasmInspector.Kind.COMPONENT) {
                in.unwindTo(depth);
                return null;
            }
            String found = ComponentDecoder.decode(in).world();
            in.unwindTo(depth);
            return found;
        } catch (InvalidInput unreadable) {
            in.unwindTo(depth);
            return null;
        }
    }
}
