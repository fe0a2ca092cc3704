package dev.wharf.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The java binary and flags for the child JVMs of the tests: the test JVM's own JDK. */
final class ChildJvm {

    private ChildJvm() {}

    /** java, then the flags this JDK takes (as ops/lib/jdk.sh chooses them for the scripts). */
    static List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        // JEP 471: the option exists from JDK 23 (JDK 24 warns without it); JDK 21 refuses to start with it.
        if (Runtime.version().feature() >= 23) command.add("--sun-misc-unsafe-memory-access=allow");
        return command;
    }
}
