package dev.wharf.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wharf.resolve.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every run.lock wharf writes, read by a port of Run's own reader ({@link RunsLockReader}): Run
 * must load it and see the same components (issue 13).
 */
class RunAcceptsWhatWharfWritesTest {

    @Test
    void run_loads_the_lockfiles_wharf_writes_and_sees_the_same_components() {
        for (int n = 1; n <= RunLockTest.COMPONENTS.size(); n++) {
            RunLock lock = RunLock.of(RunLockTest.COMPONENTS.subList(0, n));

            RunsLockReader run = RunsLockReader.load(lock.render());

            assertThat(run.components.keySet()).containsExactlyInAnyOrderElementsOf(
                    lock.components().stream().map(LockedComponent::name).toList());
            for (LockedComponent c : lock.components()) {
                RunsLockReader.Component seen = run.components.get(c.name());
                assertThat(seen.version()).isEqualTo(c.version().toString());
                assertThat(seen.sha256()).isEqualTo(c.sha256());
                assertThat(seen.dependencies()).isEqualTo(c.dependencies());
            }
        }
    }

    @Test
    void run_refuses_a_lockfile_with_no_component_which_is_why_wharf_writes_none() {
        // Header, version and checksum only: with no component block to swallow it, Run reads the
        // checksum line, and its verify() hashes the text without the header, so it never matches.
        String empty = RunLock.empty().render();

        assertThatThrownBy(() -> RunsLockReader.load(empty)).hasMessageContaining("Lockfile checksum mismatch");
        // What Run's own writer produces for an empty lockfile is refused by Run the same way.
        assertThat(RunsLockReader.parse(empty).verify()).isFalse();
    }

    @Test
    void the_port_reads_a_lockfile_run_writes_as_run_does() {
        RunsLockReader run = RunsLockReader.load(RunLockTest.RUN_WRITES);

        assertThat(run.checksum).as("the checksum line sits in the last block, where Run ignores it").isNull();
        assertThat(run.components.get("wasi:http").dependencies()).containsExactly("wasi:io", "wasi:clocks");
        assertThat(RunsLockReader.load(RunLock.of(List.of(new LockedComponent("a:b", Version.parse("1.0.0"), "00", List.of()))).render())
                .components).containsKey("a:b");
    }
}
