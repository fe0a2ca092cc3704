package dev.wharf.inspect;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wharf.domain.InvalidInput;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the inspector with Jazzer. {@code mvn verify} replays the inputs
 * under {@code WasmInspectorFuzzTestInputs/} (regression mode); {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=WasmInspectorFuzzTest} fuzzes for {@code maxDuration} and saves any crash there.
 */
class WasmInspectorFuzzTest {

    private static final WasmInspector INSPECTOR = new WasmInspector();

    @FuzzTest(maxDuration = "5m")
    void any_bytes_get_a_summary_or_the_inspectors_refusal(byte[] binary) throws IOException {
        try {
            INSPECTOR.inspect(binary);
        } catch (InvalidInput refused) {
            // the one refusal the inspector may answer
        }
    }
}
