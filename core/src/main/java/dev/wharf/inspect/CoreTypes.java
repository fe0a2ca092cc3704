package dev.wharf.inspect;

import java.io.IOException;

/**
 * The core WebAssembly type grammar, read only far enough to step over it: import
 * descriptions of a core module, and core types declared inside component types. Entries in
 * these places carry no size prefix, so the only way past one is to decode it.
 */
final class CoreTypes {

    private CoreTypes() {}

    /** A core import description (func, table, memory, global, tag). */
    static void externType(WasmReader in) throws IOException {
        long at = in.position();
        int kind = in.u8("an import kind");
        switch (kind) {
            case 0x00 -> in.u32("a function type index");
            case 0x01 -> {
                refType(in);
                limits(in);
            }
            case 0x02 -> limits(in);
            case 0x03 -> globalType(in);
            case 0x04 -> {
                int attribute = in.u8("a tag attribute");
                if (attribute != 0) throw in.malformed(String.format("tag at byte %d has attribute 0x%02x (expected 0)", at, attribute));
                in.u32("a tag type index");
            }
            default -> throw in.malformed(String.format("import description at byte %d has unknown kind 0x%02x", at, kind));
        }
    }

    /** A value type: one byte, except the (ref null? heaptype) forms of the GC proposal. */
    static void valType(WasmReader in) throws IOException {
        int op = in.u8("a value type");
        if (op == 0x63 || op == 0x64) in.s33("a heap type");
    }

    /** A core type in a component: a module type, or a (possibly recursive) function/GC type. */
    static void coreType(WasmReader in) throws IOException {
        long at = in.position();
        int op = in.u8("a core type");
        switch (op) {
            case 0x50 -> moduleType(in);
            case 0x00 -> { // non-final subtype, prefixed so it cannot be taken for a module type
                int sub = in.u8("a core subtype");
                if (sub != 0x50) throw in.malformed(String.format("core type at byte %d: 0x00 must be followed by 0x50, found 0x%02x", at, sub));
                subTypeBody(in);
            }
            default -> recType(in, op);
        }
    }

    private static void moduleType(WasmReader in) throws IOException {
        long n = in.count("a module declaration count");
        for (long i = 0; i < n; i++) {
            long at = in.position();
            int decl = in.u8("a module declaration");
            switch (decl) {
                case 0x00 -> {
                    in.name("an import module name");
                    in.name("an import name");
                    externType(in);
                }
                case 0x01 -> recType(in, in.u8("a core type"));
                case 0x02 -> {
                    in.u8("an alias sort");
                    in.u8("an alias target");
                    in.u32("an outer count");
                    in.u32("an outer index");
                }
                case 0x03 -> {
                    in.name("an export name");
                    externType(in);
                }
                default -> throw in.malformed(String.format("module declaration at byte %d has unknown form 0x%02x", at, decl));
            }
        }
    }

    private static void recType(WasmReader in, int op) throws IOException {
        if (op == 0x4e) {
            long n = in.count("a recursive group size");
            for (long i = 0; i < n; i++) subType(in, in.u8("a core subtype"));
        } else {
            subType(in, op);
        }
    }

    private static void subType(WasmReader in, int op) throws IOException {
        if (op == 0x50 || op == 0x4f) subTypeBody(in);
        else compositeType(in, op);
    }

    private static void subTypeBody(WasmReader in) throws IOException {
        long supers = in.count("a supertype count");
        for (long i = 0; i < supers; i++) in.u32("a supertype index");
        compositeType(in, in.u8("a composite type"));
    }

    private static void compositeType(WasmReader in, int op) throws IOException {
        long at = in.position() - 1;
        switch (op) {
            case 0x60 -> {
                long params = in.count("a parameter count");
                for (long i = 0; i < params; i++) valType(in);
                long results = in.count("a result count");
                for (long i = 0; i < results; i++) valType(in);
            }
            case 0x5f -> {
                long fields = in.count("a field count");
                for (long i = 0; i < fields; i++) fieldType(in);
            }
            case 0x5e -> fieldType(in);
            default -> throw in.malformed(String.format("core type at byte %d has unknown form 0x%02x", at, op));
        }
    }

    private static void fieldType(WasmReader in) throws IOException {
        valType(in); // the packed i8/i16 storage types are single bytes too
        in.u8("a field mutability");
    }

    private static void refType(WasmReader in) throws IOException {
        valType(in);
    }

    private static void globalType(WasmReader in) throws IOException {
        valType(in);
        long at = in.position();
        int mutability = in.u8("a global mutability");
        if (mutability > 0x03) throw in.malformed(String.format("global at byte %d has mutability flags 0x%02x", at, mutability));
    }

    /** Table and memory limits: flags say whether a maximum, 64-bit sizes or a page size follow. */
    private static void limits(WasmReader in) throws IOException {
        long at = in.position();
        int flags = in.u8("limits");
        if (flags > 0x0f) throw in.malformed(String.format("limits at byte %d have unknown flags 0x%02x", at, flags));
        boolean wide = (flags & 0x04) != 0;
        if (wide) in.u64("a minimum size");
        else in.u32("a minimum size");
        if ((flags & 0x01) != 0) {
            if (wide) in.u64("a maximum size");
            else in.u32("a maximum size");
        }
        if ((flags & 0x08) != 0) in.u32("a page size");
    }
}
