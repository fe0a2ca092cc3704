package dev.wharf.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.wharf.domain.InvalidInput;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Assertions;

/**
 * Arbitrary bytes, and real components with bytes changed, cut or appended: the inspector
 * answers a summary or its own refusal ({@link InvalidInput}) and nothing else, never loops,
 * and allocates a bounded multiple of the input (a length prefix cannot make it reserve 4 GiB).
 */
class WasmInspectorPropertiesTest {

    private static final WasmInspector INSPECTOR = new WasmInspector();
    private static final byte[] CALCULATOR = read("component/example-calculator-1.1.0.wasm");
    private static final byte[] CORE = read("core/fib.wasm");

    @Property(tries = 1000)
    void any_bytes_get_a_summary_or_the_inspectors_refusal(@ForAll("binaries") byte[] binary) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        // A generous bound: it catches a loop, it does not measure speed.
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatCode(() -> {
                    try {
                        INSPECTOR.inspect(binary);
                    } catch (InvalidInput refused) {
                        assertThat(refused.getMessage()).isNotBlank();
                    }
                }).doesNotThrowAnyException());
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated inspecting %d bytes", binary.length).isLessThan(64L * binary.length + 32 * 1024 * 1024);
    }

    @Provide
    Arbitrary<byte[]> binaries() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
        Arbitrary<byte[]> preambled = random.map(tail -> {
            byte[] b = new byte[8 + tail.length];
            System.arraycopy(new byte[]{0, 'a', 's', 'm', 0x0d, 0, 1, 0}, 0, b, 0, 8);
            System.arraycopy(tail, 0, b, 8, tail.length);
            return b;
        });
        return Arbitraries.oneOf(random, preambled, mutated(CALCULATOR), mutated(CORE));
    }

    private static Arbitrary<byte[]> mutated(byte[] real) {
        if (real.length == 0) return Arbitraries.just(new byte[0]);
        Arbitrary<int[]> edits = Arbitraries.integers().between(0, real.length - 1).array(int[].class).ofMinSize(1).ofMaxSize(8);
        return net.jqwik.api.Combinators.combine(edits, Arbitraries.bytes(), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, real.length)).as((at, value, how, cut) -> {
            byte[] b = real.clone();
            switch (how) {
                case 0 -> { for (int i : at) b[i] = value; }
                case 1 -> b = java.util.Arrays.copyOf(b, cut);
                case 2 -> { for (int i : at) b[i] = (byte) 0xff; } // LEB128 continuation bits that never stop
                default -> { for (int i : at) b[i] ^= (byte) (1 << (i & 7)); }
            }
            return b;
        });
    }

    private static byte[] read(String relative) {
        try {
            return Files.readAllBytes(ComponentFixtures.file(relative));
        } catch (Exception e) {
            return new byte[0];
        }
    }
}
