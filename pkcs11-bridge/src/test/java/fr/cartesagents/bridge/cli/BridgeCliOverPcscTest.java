package fr.cartesagents.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.testsupport.PcscRig;

/** The CLI with {@code --reader}: the same commands over pcscd and the simulated card. */
class BridgeCliOverPcscTest {

    private static final String NEW_PIN = "86429753";

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Test
    void whenReadersIsRun_thenTheVirtualReaderAndItsCardAreListed() {
        CliRun run = CliRun.of("", "readers");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains(rig.readerName());
    }

    @Test
    void whenInfoOverPcsc_thenTheCardSerialIsPrinted() {
        CliRun run = CliRun.of("", "info", "--reader", rig.readerName());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains(rig.card().state().serialNumberHex());
    }

    @Test
    void whenPinChangedOverPcsc_thenTheOldPinIsWrongAfterwards() {
        CliRun change = CliRun.of(PcscRig.USER_PIN + "\n" + NEW_PIN + "\n", "change-pin", "--pin-stdin", "--reader", rig.readerName());
        assertThat(change.exitCode()).as(change.describe()).isZero();

        CliRun again = CliRun.of(PcscRig.USER_PIN + "\n" + "97531864\n", "change-pin", "--pin-stdin", "--reader", rig.readerName());
        assertThat(again.exitCode()).as(again.describe()).isEqualTo(6);
        assertThat(again.err()).contains("2 essais restants");
        assertThat(again.out() + again.err()).doesNotContain(PcscRig.USER_PIN + "\n").doesNotContain(NEW_PIN);
    }

    @Test
    void whenNoCardIsNamedAndThePkcs11ModuleSeesNone_thenTheOnlyPcscCardIsTaken() {
        // No middleware at that path: PKCS#11 sees no card, the simulator's card is the only one present.
        CliRun run = CliRun.of("", "info", "--pkcs11-module", "/nonexistent/opensc-pkcs11.so");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains(rig.readerName()).contains(rig.card().state().serialNumberHex());
    }

    @Test
    void whenReaderIsCombinedWithAToken_thenTheCommandLineIsRefused() {
        CliRun run = CliRun.of("", "info", "--reader", rig.readerName(), "--token", "x");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
    }
}
