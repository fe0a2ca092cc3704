package dev.wharf.inspect;

import dev.wharf.domain.InvalidInput;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the outer level of a component binary (component-model version 0x0d, layer 1): the
 * names in its import and export sections, and the WIT world where the binary names one.
 *
 * <p>Every section is framed and bounds-checked; nested core modules and components are
 * skipped by their size, because what they import and export is wired up inside the package
 * and is not part of its interface. Canonical built-ins (including the async ones) are never
 * looked at, so newer component-model features do not stop an upload.
 *
 * <p>World names: a built component (what {@code jco new} or {@code wasm-tools component new}
 * writes) does not record which world it was built for, so its world is null. The binary
 * carries a world only in the WIT-package encoding that wit-component writes (a
 * {@code *.wit.wasm}, or the {@code component-type} custom section of a core module waiting for
 * {@code component new}): there each world is an exported type whose component type exports a
 * component under the world's full name, e.g. {@code wasi:http/proxy@0.2.12}, while each
 * interface is one that exports an instance. Type definitions are read best effort: if one
 * uses an encoding this decoder does not know, the world stays null and the upload still goes
 * through, since types play no part in the import and export names.
 */
final class ComponentDecoder {

    static final String[] SECTIONS = {
        "custom", "core module", "core instance", "core type", "component", "instance",
        "alias", "type", "canon", "start", "import", "export", "value"
    };

    private static final int SORT_CORE = 0x00;
    private static final int SORT_TYPE = 0x03;
    private static final int EXTERN_TYPE = 0x03;
    private static final int EXTERN_COMPONENT = 0x04;
    /** Real WIT nests types a handful of levels; a crafted binary could nest until the stack overflows. */
    private static final int MAX_TYPE_NESTING = 64;

    private final WasmReader in;
    private final Set<String> imports = new LinkedHashSet<>();
    private final Set<String> exports = new LinkedHashSet<>();
    /** Index in the component's type index space → world name, for types that describe one. */
    private final Map<Long, String> worldTypes = new HashMap<>();
    private long typeCount;
    private int typeNesting;
    private boolean typesFollowed = true;
    private String world;

    private ComponentDecoder(WasmReader in) {
        this.in = in;
    }

    /** Decodes the sections from the reader's position (just past the preamble) to the region's end. */
    static WasmSummary decode(WasmReader in) throws IOException {
        ComponentDecoder decoder = new ComponentDecoder(in);
        decoder.sections();
        return new WasmSummary(WasmSummary.COMPONENT, List.copyOf(decoder.imports),
                List.copyOf(decoder.exports), decoder.world);
    }

    private void sections() throws IOException {
        while (in.remaining() > 0) {
            WasmReader.Section section = in.enterSection(SECTIONS);
            switch (section.id()) {
                case 0 -> {
                    in.name("the custom section name");
                    in.skipRestAndLeave();
                }
                case 6 -> bestEffort(this::aliases);
                case 7 -> bestEffort(this::types);
                case 10 -> {
                    imports();
                    in.leave();
                }
                case 11 -> {
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
            String name = externName("an import name");
            if (externType() == EXTERN_TYPE) typeCount++;
            imports.add(name);
        }
    }

    private void exports() throws IOException {
        long n = in.count("the export count");
        for (long i = 0; i < n; i++) {
            String name = externName("an export name");
            int sort = sort();
            long index = in.u32("the index of export " + name);
            int ascribed = in.u8("the type ascription flag of export " + name);
            if (ascribed == 1) {
                externType();
            } else if (ascribed != 0) {
                throw in.malformed(String.format("export %s has type ascription flag 0x%02x (expected 0 or 1)", name, ascribed));
            }
            if (sort == SORT_TYPE) {
                if (world == null && typesFollowed) world = worldTypes.get(index);
                typeCount++;
            }
            exports.add(name);
        }
    }

    /**
     * An import or export name. Forms 0x00 and 0x01 are the same plain string (the spec keeps
     * both until 1.0); 0x02 appends attributes (implements, version suffix, external id) that
     * say nothing about the name itself.
     */
    private String externName(String what) throws IOException {
        long at = in.position();
        int form = in.u8("the name form of " + what);
        return switch (form) {
            case 0x00, 0x01 -> in.name(what);
            case 0x02 -> {
                String name = in.name(what);
                long attributes = in.count("the attribute count of " + what);
                for (long i = 0; i < attributes; i++) {
                    int kind = in.u8("a name attribute");
                    if (kind > 0x02) {
                        throw in.malformed(String.format("unknown attribute 0x%02x on name %s", kind, name));
                    }
                    in.name("a name attribute");
                }
                yield name;
            }
            default -> throw in.malformed(String.format("%s at byte %d has unknown name form 0x%02x", what, at, form));
        };
    }

    /** Returns the extern kind (func, value, type, component, instance, core module). */
    private int externType() throws IOException {
        long at = in.position();
        int kind = in.u8("an extern type");
        switch (kind) {
            case 0x00 -> {
                int core = in.u8("an extern type");
                if (core != 0x11) throw in.malformed(String.format("extern type at byte %d is core sort 0x%02x, only core module (0x11) is allowed", at, core));
                in.u32("a core type index");
            }
            case 0x01, 0x04, 0x05 -> in.u32("a type index");
            case 0x02 -> {
                int bound = in.u8("a value bound");
                if (bound == 0x00) in.u32("a value index");
                else if (bound == 0x01) in.s33("a value type");
                else throw in.malformed(String.format("value bound at byte %d has unknown form 0x%02x", at, bound));
            }
            case 0x03 -> {
                int bound = in.u8("a type bound");
                if (bound == 0x00) in.u32("a type index");
                else if (bound != 0x01) throw in.malformed(String.format("type bound at byte %d has unknown form 0x%02x", at, bound));
            }
            default -> throw in.malformed(String.format("extern type at byte %d has unknown kind 0x%02x", at, kind));
        }
        return kind;
    }

    private int sort() throws IOException {
        long at = in.position();
        int sort = in.u8("a sort");
        if (sort == SORT_CORE) {
            int core = in.u8("a core sort");
            if (core > 0x04 && (core < 0x10 || core > 0x12)) {
                throw in.malformed(String.format("core sort at byte %d is unknown: 0x%02x", at + 1, core));
            }
        } else if (sort > 0x05) {
            throw in.malformed(String.format("sort at byte %d is unknown: 0x%02x", at, sort));
        }
        return sort;
    }

    // ---- best effort: type index space and world names ------------------------------------

    private interface Body {
        void run() throws IOException;
    }

    /**
     * Runs a decode whose only purpose is the world name. If it fails, the section is skipped
     * and world tracking stops (the type indices after it can no longer be trusted).
     */
    private void bestEffort(Body body) throws IOException {
        int depth = in.depth();
        if (typesFollowed) {
            try {
                body.run();
            } catch (InvalidInput notUnderstood) {
                typesFollowed = false;
                in.unwindTo(depth);
            }
        }
        in.skipRestAndLeave();
    }

    private void aliases() throws IOException {
        long n = in.count("the alias count");
        for (long i = 0; i < n; i++) {
            if (alias() == SORT_TYPE) typeCount++;
        }
    }

    private int alias() throws IOException {
        int sort = sort();
        long at = in.position();
        int target = in.u8("an alias target");
        switch (target) {
            case 0x00, 0x01 -> {
                in.u32("an instance index");
                in.name("an alias name");
            }
            case 0x02 -> {
                in.u32("an outer count");
                in.u32("an outer index");
            }
            default -> throw in.malformed(String.format("alias target at byte %d is unknown: 0x%02x", at, target));
        }
        return sort;
    }

    private void types() throws IOException {
        long n = in.count("the type count");
        for (long i = 0; i < n; i++) {
            String described = definedType();
            if (described != null) worldTypes.put(typeCount, described);
            typeCount++;
        }
    }

    /** Reads one type definition; returns the world's name if it is a component type for a world. */
    private String definedType() throws IOException {
        if (++typeNesting > MAX_TYPE_NESTING) {
            throw in.malformed("type definitions at byte " + in.position() + " nest more than " + MAX_TYPE_NESTING + " deep");
        }
        try {
            return typeDefinition();
        } finally {
            typeNesting--;
        }
    }

    private String typeDefinition() throws IOException {
        long at = in.position();
        int op = in.u8("a type definition");
        if (op >= 0x73 && op <= 0x7f || op == 0x64) return null; // primitive value types
        switch (op) {
            case 0x72 -> { // record
                long n = in.count("a field count");
                for (long i = 0; i < n; i++) {
                    in.name("a field name");
                    in.s33("a field type");
                }
            }
            case 0x71 -> { // variant
                long n = in.count("a case count");
                for (long i = 0; i < n; i++) {
                    in.name("a case name");
                    optionalValType();
                    if (in.u8("a case refinement") == 0x01) in.u32("a refined case index");
                }
            }
            case 0x70, 0x6b -> in.s33("an element type"); // list, option
            case 0x67 -> { // fixed-length list
                in.s33("an element type");
                in.u32("a list length");
            }
            case 0x6f, 0x6c -> { // tuple, (retired) union
                long n = in.count("a member count");
                for (long i = 0; i < n; i++) in.s33("a member type");
            }
            case 0x6e, 0x6d -> { // flags, enum
                long n = in.count("a label count");
                for (long i = 0; i < n; i++) in.name("a label");
            }
            case 0x6a -> { // result
                optionalValType();
                optionalValType();
            }
            case 0x69, 0x68 -> in.u32("a resource type index"); // own, borrow
            case 0x66, 0x65 -> optionalValType(); // stream, future
            case 0x63 -> { // map
                in.s33("a key type");
                in.s33("a value type");
            }
            case 0x3f -> { // resource
                coreValType();
                optionalIndex();
            }
            case 0x3e -> { // resource with async destructor (pre-release encoding)
                coreValType();
                optionalIndex();
                optionalIndex();
            }
            case 0x40, 0x43 -> functionType();
            case 0x41 -> {
                return componentType();
            }
            case 0x42 -> instanceType();
            default -> throw in.malformed(String.format("type definition at byte %d has unknown form 0x%02x", at, op));
        }
        return null;
    }

    private void functionType() throws IOException {
        long params = in.count("a parameter count");
        for (long i = 0; i < params; i++) {
            in.name("a parameter name");
            in.s33("a parameter type");
        }
        long at = in.position();
        int results = in.u8("a result list");
        if (results == 0x00) {
            in.s33("a result type");
        } else if (results == 0x01) {
            // 0x01 0x00 today (no result); older binaries listed named results here
            long n = in.count("a result count");
            for (long i = 0; i < n; i++) {
                in.name("a result name");
                in.s33("a result type");
            }
        } else {
            throw in.malformed(String.format("result list at byte %d has unknown form 0x%02x", at, results));
        }
    }

    /**
     * A component type describes a world when it exports a component under an interface-style
     * name ({@code ns:pkg/world@version}); that is how wit-component encodes {@code world} items.
     */
    private String componentType() throws IOException {
        long n = in.count("a declaration count");
        String world = null;
        for (long i = 0; i < n; i++) {
            long at = in.position();
            int decl = in.u8("a declaration");
            if (decl == 0x03) {
                externName("an import name");
                externType();
            } else {
                String exported = declaration(decl, at);
                if (world == null) world = exported;
            }
        }
        return world;
    }

    private void instanceType() throws IOException {
        long n = in.count("a declaration count");
        for (long i = 0; i < n; i++) {
            long at = in.position();
            declaration(in.u8("a declaration"), at);
        }
    }

    /** An instance-type declaration; returns the export's name if it exports a world-like component. */
    private String declaration(int decl, long at) throws IOException {
        switch (decl) {
            case 0x00 -> CoreTypes.coreType(in);
            case 0x01 -> definedType();
            case 0x02 -> alias();
            case 0x04 -> {
                String name = externName("an export name");
                if (externType() == EXTERN_COMPONENT && name.indexOf(':') > 0 && name.indexOf('/') > 0) return name;
            }
            default -> throw in.malformed(String.format("declaration at byte %d has unknown form 0x%02x", at, decl));
        }
        return null;
    }

    private void optionalValType() throws IOException {
        if (present("an optional type")) in.s33("a value type");
    }

    private void optionalIndex() throws IOException {
        if (present("an optional function index")) in.u32("a function index");
    }

    private boolean present(String what) throws IOException {
        long at = in.position();
        int flag = in.u8(what);
        if (flag > 1) throw in.malformed(String.format("%s at byte %d has flag 0x%02x (expected 0 or 1)", what, at, flag));
        return flag == 1;
    }

    private void coreValType() throws IOException {
        CoreTypes.valType(in);
    }
}
