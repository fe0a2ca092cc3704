package dev.wharf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wharf.testing.RunningRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every failure a person can cause ends with one clear sentence on stderr and a non-zero exit
 * status — never a stack trace — and leaves the project as it was.
 */
class PersonCausedFailuresTest {

    @TempDir static Path data;
    @TempDir Path workspace;
    static RunningRegistry registry;
    static Wharf wharf;
    static final Path CALC = Wharf.fixture("component/example-calculator-1.0.0.wasm");

    @BeforeAll
    static void start() throws IOException {
        registry = RunningRegistry.start(data, Map.of("REGISTRY_TOKENS", "example:example-token,other:other-token"));
        wharf = new Wharf(Map.of("RUN_REGISTRY_URL", registry.url().toString()));
        Path publisher = Files.createTempDirectory(data, "publisher");
        Wharf.Result r = wharf.with("RUN_AUTH_TOKEN", "example-token").publish(publisher, "example", "calculator", "1.0.0", CALC, Map.of());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    /** One line on stderr, starting "error: ", with no trace of a Java exception. */
    private static void assertOneSentence(Wharf.Result result, String expected) {
        assertThat(result.exit()).as(result.toString()).isNotZero();
        assertThat(result.err()).as(result.toString()).hasLineCount(1).startsWith("error: ").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Path app(String runToml) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("app"));
        Files.writeString(dir.resolve("run.toml"), runToml);
        return dir;
    }

    @Test
    void no_network() throws IOException {
        Path app = app("[dependencies]\n\"example:calculator\" = \"1\"\n");
        String nowhere = Wharf.closedUrl();

        Wharf.Result result = wharf.in(app, "install", "--registry-url", nowhere);

        assertOneSentence(result, "the registry at " + nowhere + " cannot be reached after 3 tries each (connection refused");
        assertThat(app.resolve(".run")).doesNotExist();
        assertThat(app.resolve("run.lock")).doesNotExist();
    }

    @Test
    void wrong_token_and_another_namespaces_token() throws IOException {
        Path project = app("[project]\nname = \"example\"\nversion = \"2.0.0\"\n\n[[component]]\nname = \"calculator\"\npath = \"" + CALC + "\"\n");

        assertOneSentence(wharf.in(project, "publish", "--token", "not-a-token"), "the registry does not accept this token (unknown token)");
        assertOneSentence(wharf.in(project, "publish", "--token", "other-token"), "this token may not publish example:calculator@2.0.0");
        assertOneSentence(wharf.in(project, "publish"), "publishing needs a token: pass --token, set RUN_AUTH_TOKEN");
        assertOneSentence(wharf.with("RUN_AUTH_TOKEN", "example-token").in(project, "publish", "--file", "missing.wasm"),
                "no artifact for component calculator at missing.wasm");
    }

    @Test
    void build_runs_before_publish_and_a_missing_toolchain_is_named() throws IOException {
        Path project = app("[project]\nname = \"example\"\nversion = \"4.0.0\"\n\n"
                + "[[component]]\nname = \"calculator\"\nbuild = \"mkdir -p target/wasm && cp " + CALC + " target/wasm/calculator.wasm\"\n\n"
                + "[[component]]\nname = \"rusty\"\nsource = \"rusty\"\nlanguage = \"rust\"\n");
        Wharf publisher = wharf.with("RUN_AUTH_TOKEN", "example-token");

        Wharf.Result built = publisher.in(project, "publish", "--build", "--component", "calculator");
        assertThat(built.exit()).as(built.toString()).isZero();
        assertThat(built.out()).contains("Published example:calculator@4.0.0");
        assertThat(project.resolve("target/wasm/calculator.wasm")).hasSameBinaryContentAs(CALC);

        assertOneSentence(publisher.with("PATH", workspace.toString()).in(project, "publish", "--build", "--component", "rusty"),
                "building component rusty needs the rust toolchain (cargo with cargo-component), but `cargo` is not on PATH");
        assertOneSentence(publisher.in(project, "publish", "--component", "nope"), "run.toml has no component named nope; it has calculator, rusty");
    }

    @Test
    void the_token_in_run_toml_works_with_a_warning() throws IOException {
        Path project = app("[project]\nname = \"example\"\nversion = \"3.0.0\"\n\n[[component]]\nname = \"calculator\"\npath = \"" + CALC
                + "\"\n\n[registry]\nauth_token = \"example-token\"\n");

        Wharf.Result result = wharf.in(project, "publish");

        assertThat(result.exit()).as(result.toString()).isZero();
        assertThat(result.err()).startsWith("warning: using [registry].auth_token from run.toml; keep tokens out of files you commit");
        assertOneSentence(wharf.with("RUN_AUTH_TOKEN", "example-token").in(project, "publish"),
                "example:calculator@3.0.0 is already published; raise [project].version");
    }

    @Test
    void unknown_package_and_no_version_that_satisfies() throws IOException {
        Path app = app("[project]\nname = \"app\"\nversion = \"0.1.0\"\n");
        String before = Files.readString(app.resolve("run.toml"));

        assertOneSentence(wharf.in(app, "install", "nosuch:package"), "package nosuch:package is not in the registry (required by the command line)");
        assertOneSentence(wharf.in(app, "install", "example:calculator@^9"),
                "no version of example:calculator matches ^9 (required by run.toml); available: 1.0.0");
        // The server's own sentences (dev.wharf.domain.PackageName), before any request.
        assertOneSentence(wharf.in(app, "install", "calculator"), "package name 'calculator' must be namespace:package with exactly one ':'");
        assertOneSentence(wharf.in(app, "install", "Example:calculator"),
                "namespace 'Example' must be lower-case letters, digits and '-', starting with a letter or digit");
        assertOneSentence(wharf.in(app, "install", "my_org:calculator"),
                "namespace 'my_org' must be lower-case letters, digits and '-', starting with a letter or digit");
        assertOneSentence(wharf.in(app, "install", "example:calculator@>=1.0 <2.0"),
                "in 'example:calculator@>=1.0 <2.0': '>=1.0 <2.0' is not a version requirement Run can read (separate comparators with a comma, like >=1.0, <2.0)");
        assertOneSentence(wharf.in(app, "info", "nosuch:package"), "package nosuch:package is not in the registry");
        assertThat(Files.readString(app.resolve("run.toml"))).isEqualTo(before);
        assertThat(app.resolve("run.lock")).doesNotExist();
    }

    @Test
    void an_unreadable_run_toml() throws IOException {
        Path app = app("[dependencies\n\"example:calculator\" = \"1\"\n");
        assertOneSentence(wharf.in(app, "install"), "run.toml is not valid TOML:");

        Files.writeString(app.resolve("run.toml"), "[dependencies]\n\"example:calculator\" = \"newest\"\n");
        assertOneSentence(wharf.in(app, "install"), "run.toml [dependencies] \"example:calculator\": 'newest' is not a version requirement");

        Files.delete(app.resolve("run.toml"));
        assertOneSentence(wharf.in(app, "install"), "run.toml not found in");
        assertOneSentence(wharf.in(app, "verify"), "run.lock not found in");
    }

    @Test
    void a_read_only_run_folder() throws Exception {
        Path app = app("[dependencies]\n\"example:calculator\" = \"1\"\n");
        Path dotRun = Files.createDirectories(app.resolve(".run"));

        try (ReadOnly ignored = ReadOnly.make(dotRun)) {
            Wharf.Result result = wharf.in(app, "install");
            assertOneSentence(result, "cannot create .run/cache: ");
        }
        assertThat(app.resolve("run.lock")).doesNotExist();
        assertThat(wharf.in(app, "install").exit()).isZero();
    }

    @Test
    void usage_mistakes_exit_with_2() {
        Wharf.Result result = wharf.run("install", "--frobnicate");

        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).hasLineCount(1).startsWith("error: Unknown option: '--frobnicate'").contains("wharf install --help");
    }

    /**
     * Makes a folder unwritable for this process: permission bits stop an ordinary user; root
     * ignores them, so for root the folder is also marked immutable (chattr +i) and the mark is
     * removed on close.
     */
    record ReadOnly(Path dir, boolean immutable) implements AutoCloseable {
        static ReadOnly make(Path dir) throws Exception {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
            Path probe = dir.resolve("probe");
            try {
                Files.createFile(probe);
            } catch (IOException refused) {
                return new ReadOnly(dir, false);
            }
            Files.delete(probe);
            int exit = new ProcessBuilder("chattr", "+i", dir.toString()).inheritIO().start().waitFor();
            assertThat(exit).as("chattr +i (root ignores permission bits)").isZero();
            return new ReadOnly(dir, true);
        }

        @Override
        public void close() throws Exception {
            if (immutable) new ProcessBuilder("chattr", "-i", dir.toString()).inheritIO().start().waitFor();
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
