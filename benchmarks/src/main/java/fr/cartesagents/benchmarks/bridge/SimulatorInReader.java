package fr.cartesagents.benchmarks.bridge;

import java.time.Duration;

import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pcsc.PcscLibrary;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.simulator.SimulatedCard;
import fr.cartesagents.bridge.simulator.SimulatedCardState;
import fr.cartesagents.bridge.simulator.VpcdLink;

/**
 * A simulated agent card in vpcd's reader, on the real PC/SC stack (javax.smartcardio → libpcsclite
 * → pcscd → vpcd → TCP → {@link SimulatedCard} in this JVM), reached two ways: the bridge's
 * {@link PcscCardDriver}, and a bare {@code javax.smartcardio} connection of its own for the raw
 * APDUs. The card goes into the reader through the bridge's own {@link VpcdLink}, as in the tests and
 * {@code cartes-bridge simulator}. Reader and port: {@code -Dbench.pcsc.reader} (default
 * "Virtual PCD 00 00") and {@code -Dbench.vpcd.port} (default 35963).
 */
@State(Scope.Benchmark)
public class SimulatorInReader {

    private static final String READER = System.getProperty("bench.pcsc.reader", "Virtual PCD 00 00");
    private static final int VPCD_PORT = Integer.getInteger("bench.vpcd.port", VpcdLink.DEFAULT_PORT);
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private final AlternatingPin pins = new AlternatingPin();
    private PcscdUnderLock pcscd;
    private VpcdLink insertedCard;
    private PcscCardDriver driver;
    private Card rawConnection;
    private RawApduCard raw;

    @Setup(Level.Trial)
    public void insertCard() throws CardException {
        PcscLibrary.configure();
        pcscd = PcscdUnderLock.acquire(READER);
        try {
            SimulatedCard card = SimulatedCard.inMemory(SimulatedCardState.issue(
                    CardSecrets.ascii(CardSecrets.USER_PIN), CardSecrets.ascii(CardSecrets.UNBLOCK_SECRET)));
            insertedCard = VpcdLink.connect(card, VpcdLink.DEFAULT_HOST, VPCD_PORT, PATIENCE);
            if (!PcscReaders.waitForCardPresent(READER, PATIENCE)) {
                throw new IllegalStateException("pcscd does not see the simulated card in " + READER);
            }
            driver = PcscCardDriver.open(READER);
            CardTerminal terminal = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER);
            rawConnection = terminal.connect("*");
            raw = new RawApduCard(rawConnection.getBasicChannel());
        } catch (java.security.NoSuchAlgorithmException e) {
            removeCard();
            throw new IllegalStateException("PC/SC is not available to javax.smartcardio", e);
        } catch (RuntimeException | CardException e) {
            removeCard();
            throw e;
        }
    }

    @TearDown(Level.Trial)
    public void removeCard() {
        try {
            if (rawConnection != null) {
                rawConnection.disconnect(false);
            }
        } catch (CardException e) {
            // The driver's reset below ends the card session anyway.
        }
        if (driver != null) {
            driver.close();
        }
        if (insertedCard != null) {
            insertedCard.close();
            PcscReaders.waitForCardAbsent(READER, PATIENCE);
        }
        if (pcscd != null) {
            pcscd.close();
        }
    }

    /**
     * An exclusive transaction holding no APDU (SCardBeginTransaction, SCardEndTransaction): what
     * the driver adds around every operation and the raw APDUs do without.
     */
    void emptyTransaction() throws CardException {
        rawConnection.beginExclusive();
        rawConnection.endExclusive();
    }

    PcscCardDriver driver() {
        return driver;
    }

    RawApduCard raw() {
        return raw;
    }

    AlternatingPin pins() {
        return pins;
    }
}
