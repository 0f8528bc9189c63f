package fr.cartesagents.ca.testutil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ProcessRunnerTest {

    @Test
    void capturesExitCodeAndBothStreams() {
        Path shell = RequiredTool.onPath("sh", "dash").require();
        ProcessResult result = ProcessRunner.command(shell.toString(), "-c", "echo out; echo err >&2; exit 3").run();

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThatThrownBy(result::assertSuccess).isInstanceOf(AssertionError.class).hasMessageContaining("exited with 3");
    }

    @Test
    void feedsStandardInputAndEnvironment() {
        Path shell = RequiredTool.onPath("sh", "dash").require();
        ProcessResult result = ProcessRunner.command(shell.toString(), "-c", "cat; printf %s \"$GREETING\"")
                .stdin("from stdin ")
                .environment("GREETING", "from env")
                .run()
                .assertSuccess();

        assertThat(result.stdout()).isEqualTo("from stdin from env");
    }

    @Test
    void killsACommandThatOutlivesItsTimeout() {
        Path shell = RequiredTool.onPath("sh", "dash").require();
        assertThatThrownBy(() -> ProcessRunner.command(shell.toString(), "-c", "sleep 30").timeout(Duration.ofMillis(200)).run())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within");
    }

    @Test
    void missingToolFailsInCiAndAbortsElsewhere() {
        RequiredTool missing = RequiredTool.onPath("no-such-tool-cartes-agents", "no-such-package");
        assertThat(missing.isAvailable()).isFalse();
        if (RequiredTool.isCi()) {
            assertThatThrownBy(missing::require).isInstanceOf(AssertionError.class).hasMessageContaining("no-such-package");
        } else {
            assertThatThrownBy(missing::require).isInstanceOf(TestAbortedException.class).hasMessageContaining("no-such-package");
        }
    }

    @Test
    void opensslRunsAndReportsItsVersion() {
        OpenSsl openssl = OpenSsl.require();
        assertThat(openssl.version()).containsIgnoringCase("ssl");
        ProcessResult failure = openssl.run("x509", "-noout", "-in", "/nonexistent/cartes-agents.pem");
        assertThat(failure.succeeded()).isFalse();
        assertThat(failure.stderr()).isNotEmpty();
    }
}
