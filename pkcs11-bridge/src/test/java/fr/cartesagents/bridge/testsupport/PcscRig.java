package fr.cartesagents.bridge.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.simulator.SimulatedCard;
import fr.cartesagents.bridge.simulator.SimulatedCardState;
import fr.cartesagents.bridge.simulator.VpcdLink;
import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.cardsecret.DerivedCardSecrets;
import fr.cartesagents.ca.cardsecret.SoftwareMasterKey;
import fr.cartesagents.ca.cardsecret.UnblockKey;

/**
 * The real PC/SC stack for a test: javax.smartcardio → libpcsclite → pcscd → vsmartcard-vpcd →
 * {@link SimulatedCard}. pcscd runs once per test JVM ({@link PcscDaemon}); each test gets a new
 * card, inserted into "Virtual PCD 00 00" before it and removed after it. Register it on an
 * instance field:
 *
 * <pre>{@code @RegisterExtension final PcscRig rig = new PcscRig();}</pre>
 *
 * When pcscd or vpcd is missing the test fails if {@code CI=true}, otherwise it is skipped with a
 * message naming the Debian packages {@code pcscd vsmartcard-vpcd}.
 */
public final class PcscRig implements BeforeEachCallback, AfterEachCallback {

    /** The user PIN and the PUK of every card the rig inserts. */
    public static final String USER_PIN = "1234";
    public static final String PUK = "3141592653589793";
    /**
     * The issuer's card secrets of the rig: every card gets the unblock key they derive for its
     * serial, as a real issuer would set it, so that tests can play the server's side of the
     * challenge–response unblock with {@link CardSecrets#unblockResponse}.
     */
    public static final CardSecrets ISSUER_SECRETS = new DerivedCardSecrets(SoftwareMasterKey.of(
            HexFormat.of().parseHex("5c0ffee05c0ffee05c0ffee05c0ffee05c0ffee05c0ffee05c0ffee05c0ffee0")));
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PcscRig.class);

    private PcscDaemon daemon;
    private SimulatedCard card;
    private Optional<VpcdLink> link = Optional.empty();
    private Optional<VpcdLink> secondLink = Optional.empty();

    @Override
    public void beforeEach(ExtensionContext context) {
        daemon = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(PcscDaemon.class, type -> PcscDaemon.start(), PcscDaemon.class);
        card = newCard();
        insertCard();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        removeCard();
        secondLink.ifPresent(second -> {
            second.close();
            awaitAbsent(daemon.reader().secondReaderName());
        });
        secondLink = Optional.empty();
    }

    /** A fresh card with {@link #USER_PIN}, {@link #PUK} and the unblock key {@link #ISSUER_SECRETS} derive for its serial. */
    public static SimulatedCard newCard() {
        byte[] serial = new byte[8];
        RANDOM.nextBytes(serial);
        UnblockKey unblockKey = ISSUER_SECRETS.unblockKey(new CardSerial(HexFormat.of().formatHex(serial)));
        try {
            return SimulatedCard.inMemory(SimulatedCardState.issue(serial, ascii(USER_PIN), ascii(PUK))
                    .withUnblockKey(unblockKey.value()));
        } finally {
            unblockKey.wipe();
        }
    }

    /** "Virtual PCD 00 00", where the rig's card goes. */
    public String readerName() {
        return daemon.reader().firstReaderName();
    }

    public String secondReaderName() {
        return daemon.reader().secondReaderName();
    }

    /** The TCP port where vpcd waits for the card of its second reader. */
    public int secondReaderPort() {
        return daemon.reader().port() + 1;
    }

    /** The card of this test (the one in the reader, or the one last removed). */
    public SimulatedCard card() {
        return card;
    }

    /** The link that holds the card in the reader, to pull it out at a given command. */
    public VpcdLink link() {
        return link.orElseThrow(() -> new IllegalStateException("No card is in the reader"));
    }

    /** Puts the test's card (back) into the reader and waits until pcscd sees it. */
    public void insertCard() {
        if (link.isEmpty()) {
            link = Optional.of(VpcdLink.connect(card, VpcdLink.DEFAULT_HOST, daemon.reader().port(), PATIENCE));
            assertThat(PcscReaders.waitForCardPresent(readerName(), PATIENCE))
                    .as("pcscd sees the simulated card in %s", readerName()).isTrue();
        }
    }

    /** Replaces the test's card by {@code replacement} and inserts it. */
    public void insertCard(SimulatedCard replacement) {
        removeCard();
        card = replacement;
        insertCard();
    }

    /** Takes the card out and waits until pcscd sees the reader empty. */
    public void removeCard() {
        link.ifPresent(current -> {
            current.close();
            awaitAbsent(readerName());
        });
        link = Optional.empty();
    }

    /** Waits until pcscd has noticed that the card left on its own (pulled out mid-operation). */
    public void awaitCardGone() {
        awaitAbsent(readerName());
    }

    /** Puts another card into vpcd's second reader, "Virtual PCD 00 01". */
    public SimulatedCard insertSecondCard() {
        SimulatedCard second = newCard();
        secondLink = Optional.of(VpcdLink.connect(second, VpcdLink.DEFAULT_HOST, secondReaderPort(), PATIENCE));
        assertThat(PcscReaders.waitForCardPresent(secondReaderName(), PATIENCE)).isTrue();
        return second;
    }

    /** A {@link Pin} the caller closes. */
    public static Pin pin(String digits) {
        return Pin.wrap(digits.toCharArray());
    }

    private static void awaitAbsent(String reader) {
        assertThat(PcscReaders.waitForCardAbsent(reader, PATIENCE)).as("pcscd sees %s empty", reader).isTrue();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
