package fr.cartesagents.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.simulator.SimulatedCardState;
import fr.cartesagents.bridge.testsupport.PcscRig;
import picocli.CommandLine;

/** The {@code readers} and {@code simulator} commands, on the real PC/SC stack. */
class PcscCommandsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Test
    void whenReadersAreListed_thenEachShowsWhetherItHoldsACardAndItsAtr() {
        Run run = Run.of(new ReadersCommand());

        assertThat(run.exitCode).as(run.describe()).isZero();
        assertThat(run.out).contains(rig.readerName() + ": carte présente, ATR "
                + HexFormat.of().withUpperCase().formatHex(rig.card().atr()));
        assertThat(run.out).contains(rig.secondReaderName() + ": pas de carte");
    }

    @Test
    void whenTheSimulatorRunsWithAStateFile_thenItsCardIsInTheReaderAndKeepsItsPinAcrossRestarts(@TempDir Path directory)
            throws Exception {
        Path state = directory.resolve("carte.properties");
        String[] args = {"--port", Integer.toString(rig.secondReaderPort()), "--state", state.toString()};

        Background first = Background.start(args);
        String serial;
        try (PcscCardDriver driver = PcscCardDriver.open(rig.secondReaderName());
             Pin current = PcscRig.pin("1234"); Pin replacement = PcscRig.pin("97531")) {
            serial = driver.info().serialNumber();
            driver.changePin(current, replacement);
        }
        first.stop();
        assertThat(PcscReaders.waitForCardAbsent(rig.secondReaderName(), PATIENCE)).isTrue();

        Background second = Background.start(args);
        try (PcscCardDriver driver = PcscCardDriver.open(rig.secondReaderName());
             Pin pin = PcscRig.pin("97531");
             AuthenticatedCard card = driver.authenticate(pin)) {
            assertThat(driver.info().serialNumber()).isEqualTo(serial);
        }
        second.stop();

        assertThat(SimulatedCardState.load(state).serialNumberHex()).isEqualTo(serial);
        assertThat(first.output()).contains("WARNING: this is a TEST card").contains("'" + rig.secondReaderName() + "'")
                .contains("Card " + serial + " inserted").contains("Card removed.")
                .doesNotContain(PcscRig.PUK);
    }

    @Test
    void whenTheInitialPinIsNotFourToEightDigits_thenTheCommandLineIsRefused() {
        Run run = Run.of(new SimulatorCommand(), "--initial-pin", "12");

        assertThat(run.exitCode).as(run.describe()).isEqualTo(2);
        assertThat(run.err).contains("--initial-pin must be 4 to 8 digits");
    }

    private static CommandLine commandLine(Object command, StringWriter out, StringWriter err) {
        CommandLine commandLine = new CommandLine(command);
        FailureReporter failures = new FailureReporter();
        commandLine.setParameterExceptionHandler(failures);
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private record Run(int exitCode, String out, String err) {

        static Run of(Object command, String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exitCode = commandLine(command, out, err).execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        }

        String describe() {
            return "exit " + exitCode + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    /** The simulator command running in its own thread, as it would in a terminal, until interrupted (Ctrl-C). */
    private static final class Background {

        private final Thread thread;
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exitCode = new AtomicInteger(-1);

        private Background(String[] args) {
            CommandLine commandLine = commandLine(new SimulatorCommand(), out, err);
            thread = new Thread(() -> exitCode.set(commandLine.execute(args)), "simulator-command");
        }

        static Background start(String[] args) {
            Background background = new Background(args);
            background.thread.start();
            return background.awaitInserted();
        }

        private Background awaitInserted() {
            // The command prints this line once pcscd reported the insertion (or gave up waiting).
            for (int i = 0; i < 100 && !out.toString().contains("inserted into"); i++) {
                if (!thread.isAlive()) {
                    throw new AssertionError("simulator stopped: " + output());
                }
                sleep();
            }
            assertThat(out.toString()).as(output()).contains("inserted into");
            return this;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(PATIENCE.toMillis());
            assertThat(thread.isAlive()).isFalse();
            assertThat(exitCode.get()).as(output()).isZero();
        }

        String output() {
            return out + "\n" + err;
        }

        private static void sleep() {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
