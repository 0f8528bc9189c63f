package fr.cartesagents.bridge.pcsc;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.ApduExchange;
import fr.cartesagents.bridge.apdu.SecretFormat;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardCapabilities;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.card.PinStatus;

/**
 * An IAS-ECC agent card in a PC/SC reader, driven by the IAS-ECC command set through
 * {@code javax.smartcardio} as OpenSC's {@code iasecc} driver drives it: SELECT of the PKCS#15
 * application by AID, EF.SN by short identifier, VERIFY / CHANGE REFERENCE DATA / RESET RETRY
 * COUNTER on the PIN and PUK references, GET DATA of the SDOs, GENERATE ASYMMETRIC KEY PAIR, MSE SET,
 * PSO HASH and COMPUTE DIGITAL SIGNATURE, INTERNAL AUTHENTICATE, GET CHALLENGE and EXTERNAL
 * AUTHENTICATE for the challenge–response unblock, READ / UPDATE BINARY of the PKCS#15 files. The card
 * family, known by the ATR ({@link CardFamily}), holds the few departures from that common path.
 * Each operation holds the card exclusively and selects the application first, so that another
 * application of the workstation cannot slip APDUs in between. Closing the driver resets the card,
 * which forgets the verified PIN. No secure messaging: see docs/pkcs11-bridge.md.
 */
public final class PcscCardDriver implements CardDriver {

    private static final CardCapabilities CAPABILITIES = new CardCapabilities(true, true, true, true, true);

    private final String reader;
    private final byte[] atr;
    private final CardFamily family;
    private final PcscTransport transport;
    private final ApduExchange exchange;

    private PcscCardDriver(String reader, byte[] atr, PcscTransport transport) {
        this.reader = reader;
        this.atr = atr;
        this.family = CardFamily.of(atr);
        this.transport = transport;
        this.exchange = new ApduExchange(transport);
    }

    /**
     * Connects to the card in {@code readerName}, or, when it is {@code null}, in the only reader
     * that holds a card.
     *
     * @throws CardException NO_READER (no such reader, no reader at all, PC/SC unavailable, or
     *         several readers with a card and none named), NO_CARD (the reader is empty),
     *         NOT_SUPPORTED (the card has no IAS-ECC agent application)
     */
    public static PcscCardDriver open(String readerName) {
        CardTerminal terminal = readerName == null ? onlyReaderWithACard() : PcscReaders.terminal(readerName);
        Card card;
        try {
            card = terminal.connect("*");
        } catch (javax.smartcardio.CardException e) {
            throw PcscFailures.whileConnecting(terminal.getName(), e);
        }
        PcscCardDriver driver = new PcscCardDriver(terminal.getName(), card.getATR().getBytes(), new PcscTransport(terminal, card));
        try {
            driver.inSession(() -> null);
            return driver;
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
    }

    private static CardTerminal onlyReaderWithACard() {
        List<CardTerminal> terminals = PcscReaders.terminals();
        if (terminals.isEmpty()) {
            throw new CardException(CardFailure.NO_READER, "No card reader is connected: plug one in");
        }
        List<CardTerminal> withCard = terminals.stream().filter(PcscReaders::isCardPresent).toList();
        if (withCard.isEmpty()) {
            throw new CardException(CardFailure.NO_CARD, "No card in any reader (" + PcscReaders.names(terminals)
                    + "): insert the card");
        }
        if (withCard.size() > 1) {
            throw new CardException(CardFailure.NO_READER, "Several readers hold a card (" + PcscReaders.names(withCard)
                    + "): name the reader to use");
        }
        return withCard.get(0);
    }

    /** The reader's name, as PC/SC lists it. */
    public String reader() {
        return reader;
    }

    public String atrHex() {
        return HexFormat.of().withUpperCase().formatHex(atr);
    }

    /** The IAS-ECC family the ATR names, as OpenSC names it. */
    public String familyName() {
        return family.displayName();
    }

    @Override
    public CardInfo info() {
        return inSession(() -> {
            String serial = HexFormat.of().withUpperCase().formatHex(readSerialNumber());
            Map<KeyRole, X509CertificateHolder> certificates = new EnumMap<>(KeyRole.class);
            for (KeyRole role : KeyRole.values()) {
                readCertificate(role).ifPresent(certificate -> certificates.put(role, certificate));
            }
            return new CardInfo(serial, Optional.of(atrHex()), Optional.empty(), reader, readPinStatus(), certificates);
        });
    }

    @Override
    public PinStatus pinStatus() {
        return inSession(this::readPinStatus);
    }

    @Override
    public CardCapabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void changePin(Pin current, Pin replacement) {
        requireUserPinFormat(current, "The current PIN");
        requireUserPinFormat(replacement, "The new PIN");
        inSession(() -> {
            StatusWord status = changeReferenceData(current, replacement, AgentCardCommands::changeUserPin);
            if (!status.isSuccess()) {
                throw status.toException("CHANGE REFERENCE DATA");
            }
            exchange.transmit(AgentCardCommands.logout());
            return null;
        });
    }

    /** The IAS-ECC unblock with the PUK: VERIFY on the PUK's reference, then RESET RETRY COUNTER P1=02. */
    @Override
    public void unblockPin(Pin unblockSecret, Pin replacement) {
        requireUnblockSecretFormat(unblockSecret, "The unblock code (PUK)");
        requireUserPinFormat(replacement, "The new PIN");
        inSession(() -> {
            presentPuk(unblockSecret);
            resetRetryCounter(replacement);
            return null;
        });
    }

    @Override
    public PinStatus unblockSecretStatus() {
        return inSession(() -> readStatus(AgentCardLayout.PUK_REFERENCE, AgentCardLayout.PUK_TRIES));
    }

    /**
     * VERIFY of the PUK. The card then allows one RESET RETRY COUNTER until it is reset, which
     * closing the driver does.
     */
    @Override
    public void verifyUnblockSecret(Pin unblockSecret) {
        requireUnblockSecretFormat(unblockSecret, "The unblock code (PUK)");
        inSession(() -> {
            presentPuk(unblockSecret);
            return null;
        });
    }

    /** CHANGE REFERENCE DATA on the PUK's reference: the current PUK then the new one, unpadded. */
    @Override
    public void changeUnblockSecret(Pin current, Pin replacement) {
        requireUnblockSecretFormat(current, "The current unblock code (PUK)");
        requireUnblockSecretFormat(replacement, "The new unblock code (PUK)");
        inSession(() -> {
            StatusWord status = changeReferenceData(current, replacement, AgentCardCommands::changePuk);
            if (!status.isSuccess()) {
                throw status.toUnblockSecretException("CHANGE REFERENCE DATA (PUK)");
            }
            return null;
        });
    }

    /**
     * First half of the challenge–response unblock: the card's challenge (8 bytes), for the server to
     * answer with the card's unblock key. The card keeps it until the next GET CHALLENGE, EXTERNAL
     * AUTHENTICATE or reset, so the driver must stay open until {@link #unblockWithResponse}.
     */
    public byte[] unblockChallenge() {
        return inSession(() -> expectSuccess("GET CHALLENGE", AgentCardCommands.getChallenge()));
    }

    /**
     * Second half: EXTERNAL AUTHENTICATE with the server's response, then RESET RETRY COUNTER P1=02
     * with the new PIN. A wrong response spends a try of the unblock key's own counter.
     */
    public void unblockWithResponse(byte[] response, Pin replacement) {
        requireUserPinFormat(replacement, "The new PIN");
        inSession(() -> {
            StatusWord status = StatusWord.of(exchange.transmit(AgentCardCommands.externalAuthenticate(response)));
            if (status.triesLeft().isPresent()) {
                throw new CardException(CardFailure.WRONG_UNBLOCK_SECRET, "The card refused the unblock response (stale or for "
                        + "another card): " + status.triesLeft().getAsInt() + " tries left for its unblock key",
                        status.triesLeft(), null);
            }
            if (status.value() == StatusWord.AUTHENTICATION_METHOD_BLOCKED.value()) {
                throw new CardException(CardFailure.UNBLOCK_SECRET_BLOCKED,
                        "The card's unblock key is blocked: unblock the card with its PUK", OptionalInt.empty(), null);
            }
            if (!status.isSuccess()) {
                throw status.toUnblockSecretException("EXTERNAL AUTHENTICATE");
            }
            resetRetryCounter(replacement);
            return null;
        });
    }

    @Override
    public AuthenticatedCard authenticate(Pin pin) {
        requireUserPinFormat(pin, "The PIN");
        return inSession(() -> {
            byte[] secret = pin.toUtf8();
            try {
                StatusWord status = StatusWord.of(exchange.transmit(AgentCardCommands.verify(AgentCardLayout.USER_PIN_REFERENCE, secret)));
                if (!status.isSuccess()) {
                    throw status.toException("VERIFY");
                }
                return new PcscAuthenticatedCard(this);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        });
    }

    @Override
    public void close() {
        transport.disconnect();
    }

    /**
     * Runs {@code operation} with the card held exclusively and the agent application selected.
     */
    <T> T inSession(Supplier<T> operation) {
        return transport.exclusively(() -> {
            StatusWord selected = StatusWord.of(exchange.transmit(AgentCardCommands.selectApplication()));
            if (selected.value() == StatusWord.FILE_NOT_FOUND.value()) {
                throw new CardException(CardFailure.NOT_SUPPORTED, "The card in '" + reader
                        + "' has no IAS-ECC agent application (not a Cartes Agents card?)");
            }
            if (!selected.isSuccess()) {
                throw selected.toException("SELECT");
            }
            return operation.get();
        });
    }

    ResponseAPDU transmit(CommandAPDU command) {
        return exchange.transmit(command);
    }

    /** The response data of {@code command}, or the failure its status word means. */
    byte[] expectSuccess(String operation, CommandAPDU command) {
        ResponseAPDU response = exchange.transmit(command);
        StatusWord status = StatusWord.of(response);
        if (!status.isSuccess()) {
            throw status.toException(operation);
        }
        return response.getData();
    }

    /** The card serial from EF.SN (5A, length, value), read by its short identifier. */
    byte[] readSerialNumber() {
        byte[] contents = expectSuccessOrEndOfFile("READ BINARY (EF.SN)", AgentCardCommands.readSerialNumber());
        return Tlv.find(contents, AgentCardLayout.SERIAL_NUMBER_TAG).map(family::serialNumber)
                .orElseThrow(() -> new CardException(CardFailure.CARD_ERROR, "EF.SN of the card holds no serial number"));
    }

    ApplicationFiles files() {
        return new ApplicationFiles(this);
    }

    private byte[] expectSuccessOrEndOfFile(String operation, CommandAPDU command) {
        ResponseAPDU response = exchange.transmit(command);
        StatusWord status = StatusWord.of(response);
        if (!status.isSuccess() && status.value() != StatusWord.END_OF_FILE.value()) {
            throw status.toException(operation);
        }
        return response.getData();
    }

    private void resetRetryCounter(Pin replacement) {
        byte[] secret = replacement.toUtf8();
        try {
            StatusWord status = StatusWord.of(exchange.transmit(AgentCardCommands.resetRetryCounter(secret)));
            if (!status.isSuccess()) {
                throw status.toException("RESET RETRY COUNTER");
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private PinStatus readPinStatus() {
        return readStatus(AgentCardLayout.USER_PIN_REFERENCE, AgentCardLayout.USER_PIN_TRIES);
    }

    /** The tries left on the PIN or PUK {@code reference} (VERIFY without data), none spent. */
    private PinStatus readStatus(int reference, int maximumTries) {
        StatusWord status = StatusWord.of(exchange.transmit(AgentCardCommands.pinStatus(reference)));
        int triesLeft;
        if (status.isSuccess()) {
            // Already verified in this card session: a right secret puts the counter back to its maximum.
            triesLeft = maximumTries;
        } else if (status.triesLeft().isPresent()) {
            triesLeft = status.triesLeft().getAsInt();
        } else if (status.value() == StatusWord.AUTHENTICATION_METHOD_BLOCKED.value()) {
            triesLeft = 0;
        } else {
            throw status.toException("VERIFY (status of " + Integer.toHexString(reference) + ")");
        }
        return new PinStatus(OptionalInt.of(triesLeft), triesLeft < maximumTries, triesLeft == 1, triesLeft == 0);
    }

    /** VERIFY of the PUK: the next RESET RETRY COUNTER may set a PIN. */
    private void presentPuk(Pin unblockSecret) {
        byte[] puk = unblockSecret.toUtf8();
        try {
            StatusWord status = StatusWord.of(exchange.transmit(AgentCardCommands.verify(AgentCardLayout.PUK_REFERENCE, puk)));
            if (!status.isSuccess()) {
                throw status.toUnblockSecretException("VERIFY (PUK)");
            }
        } finally {
            Arrays.fill(puk, (byte) 0);
        }
    }

    /** CHANGE REFERENCE DATA with the current secret then the new one, unpadded; the card's answer. */
    private StatusWord changeReferenceData(Pin current, Pin replacement, Function<byte[], CommandAPDU> command) {
        byte[] currentBytes = current.toUtf8();
        byte[] replacementBytes = replacement.toUtf8();
        byte[] data = Tlv.concatenate(currentBytes, replacementBytes);
        try {
            return StatusWord.of(exchange.transmit(command.apply(data)));
        } finally {
            Arrays.fill(currentBytes, (byte) 0);
            Arrays.fill(replacementBytes, (byte) 0);
            Arrays.fill(data, (byte) 0);
        }
    }

    /** The certificate in the role's file, if it holds one. */
    Optional<X509CertificateHolder> readCertificate(KeyRole role) {
        byte[] contents = files().read(AgentCardLayout.certificateFileId(role));
        if (contents.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X509CertificateHolder(contents));
        } catch (IOException | RuntimeException e) {
            throw new CardException(CardFailure.CARD_ERROR, "The " + role.label()
                    + " certificate file of the card does not hold a certificate", e);
        }
    }

    private static void requireUnblockSecretFormat(Pin secret, String which) {
        if (!SecretFormat.isUnblockSecret(secret)) {
            throw new CardException(CardFailure.WRONG_UNBLOCK_SECRET, which + " must be " + AgentCardLayout.PUK_MIN_LENGTH
                    + " to " + AgentCardLayout.PUK_MAX_LENGTH + " characters; no try was spent");
        }
    }

    private static void requireUserPinFormat(Pin pin, String which) {
        if (!SecretFormat.isUserPin(pin)) {
            throw new CardException(CardFailure.PIN_POLICY, which + " must be " + AgentCardLayout.USER_PIN_MIN_LENGTH
                    + " to " + AgentCardLayout.USER_PIN_MAX_LENGTH + " digits; no try was spent");
        }
    }
}
