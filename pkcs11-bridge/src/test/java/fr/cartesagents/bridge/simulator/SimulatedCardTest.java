package fr.cartesagents.bridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.math.BigInteger;
import java.util.Arrays;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.ApduExchange;
import fr.cartesagents.bridge.apdu.Tlv;

/** The simulated card's APDU handling, talked to directly (the PC/SC driver tests go through pcscd). */
class SimulatedCardTest {

    private static final byte[] SERIAL = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80};
    private final SimulatedCard card = SimulatedCard.inMemory(
            SimulatedCardState.issue(SERIAL, ascii("1234"), ascii("PUK-0123456789")));
    private final ApduExchange exchange = new ApduExchange(card);

    @Test
    void whenTheCardPowersUp_thenItsAtrOffersT1AndEndsWithACorrectCheckByte() {
        byte[] atr = card.atr();
        byte check = 0;
        for (int i = 1; i < atr.length; i++) {
            check ^= atr[i];
        }
        assertThat(atr[0]).isEqualTo((byte) 0x3B);
        assertThat(atr[2]).isEqualTo((byte) 0x01);
        assertThat(check).isZero();
    }

    @Test
    void whenNoApplicationIsSelected_thenPinCommandsAreRefusedButTheSerialIsReadable() {
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x00, 0x01))).isEqualTo(0x6985);
        ResponseAPDU serial = card.transmit(new CommandAPDU(0x00, 0xCA, 0x00, 0x5A, 256));
        assertThat(serial.getData()).isEqualTo(SERIAL);
    }

    @Test
    void whenGetDataAsksForTooFewBytes_thenTheCardAnswers6CxxWithTheExactLength() {
        assertThat(sw(new CommandAPDU(0x00, 0xCA, 0x00, 0x5A, 2))).isEqualTo(0x6C08);
        assertThat(sw(new CommandAPDU(0x00, 0xCA, 0x01, 0x01, 256))).isEqualTo(0x6A88);
    }

    @Test
    void whenTheAidIsUnknown_thenSelectAnswersFileNotFound() {
        assertThat(sw(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, new byte[] {(byte) 0xA0, 0x00, 0x00}))).isEqualTo(0x6A82);
        assertThat(card.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x00, AgentCardLayout.applicationId(), 256)).getData())
                .isEqualTo(Tlv.encode(0x6F, Tlv.encode(0x84, AgentCardLayout.applicationId())));
    }

    @Test
    void whenThePinIsWrongThreeTimes_thenTheCardCountsDownAndBlocks() {
        selectApplication();
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        assertThat(sw(verifyStatus())).isEqualTo(0x9000);
        assertThat(sw(verifyCommand("0000"))).isEqualTo(0x63C2);
        assertThat(sw(verifyStatus())).isEqualTo(0x63C2);
        assertThat(sw(verifyCommand("0000"))).isEqualTo(0x63C1);
        assertThat(sw(verifyCommand("0000"))).isEqualTo(0x6983);
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x6983);
        assertThat(sw(verifyStatus())).isEqualTo(0x6983);
        assertThat(card.state().userPinTriesLeft()).isZero();
    }

    @Test
    void whenTheRightPinFollowsAWrongOne_thenTheCounterIsBackToThree() {
        selectApplication();
        assertThat(sw(verifyCommand("9999"))).isEqualTo(0x63C2);
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        assertThat(card.state().userPinTriesLeft()).isEqualTo(3);
    }

    @Test
    void whenThePinHasTheWrongFormat_thenTheCardRefusesItWithoutSpendingATry() {
        selectApplication();
        assertThat(sw(verifyCommand("12a4"))).isEqualTo(0x6A80);
        assertThat(sw(verifyCommand("123"))).isEqualTo(0x6A80);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x00, 0x01, ascii("1234")))).isEqualTo(0x6700);
        assertThat(card.state().userPinTriesLeft()).isEqualTo(3);
    }

    @Test
    void whenThePinIsChanged_thenOnlyTheNewPinVerifies() {
        selectApplication();
        assertThat(sw(changePin("1234", "86429753"))).isEqualTo(0x9000);
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x63C2);
        assertThat(sw(verifyCommand("86429753"))).isEqualTo(0x9000);
        assertThat(sw(changePin("0000", "5555"))).isEqualTo(0x63C2);
        assertThat(sw(changePin("86429753", "55"))).isEqualTo(0x6A80);
    }

    @Test
    void whenThePinIsBlocked_thenThePukUnblocksItWithANewPin() {
        selectApplication();
        blockPin();
        assertThat(sw(changePin("1234", "5678"))).isEqualTo(0x6983);
        assertThat(sw(resetRetryCounter("PUK-9999999999", "5678"))).isEqualTo(0x63C9);
        assertThat(sw(pukStatus())).isEqualTo(0x63C9);
        assertThat(sw(resetRetryCounter("PUK-0123456789", "5678"))).isEqualTo(0x9000);
        assertThat(sw(pukStatus())).isEqualTo(0x63CA);
        assertThat(sw(verifyStatus())).isEqualTo(0x63C3);
        assertThat(sw(verifyCommand("5678"))).isEqualTo(0x9000);
    }

    @Test
    void whenThePukIsWrongTenTimes_thenItIsBlockedForGood() {
        selectApplication();
        for (int tries = 9; tries > 0; tries--) {
            assertThat(sw(resetRetryCounter("PUK-9999999999", "5678"))).isEqualTo(0x63C0 | tries);
        }
        assertThat(sw(resetRetryCounter("PUK-9999999999", "5678"))).isEqualTo(0x6983);
        assertThat(sw(resetRetryCounter("PUK-0123456789", "5678"))).isEqualTo(0x6983);
        assertThat(sw(pukStatus())).isEqualTo(0x6983);
    }

    @Test
    void whenNoPinWasVerified_thenKeysCannotBeGeneratedNorUsed() {
        selectApplication();
        assertThat(sw(generate(1))).isEqualTo(0x6982);
        assertThat(sw(new CommandAPDU(0x00, 0x22, 0x41, 0xB6, Tlv.encode(0x84, new byte[] {2})))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, new byte[32], 256))).isEqualTo(0x6982);
    }

    @Test
    void whenAKeyIsGenerated_thenItsPublicKeyComesBackThroughGetResponseAndVerifiesItsSignatures() throws Exception {
        selectApplication();
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        ResponseAPDU generated = card.transmit(generate(2));
        assertThat(generated.getSW1()).isEqualTo(0x61);
        assertThat(generated.getData()).hasSize(256);

        ResponseAPDU whole = exchange.transmit(new CommandAPDU(0x00, 0x47, 0x81, 0x00, keyTemplate(2), 256));
        PublicKey publicKey = rsaKey(whole.getData());
        assertThat(sw(new CommandAPDU(0x00, 0x22, 0x41, 0xB6, Tlv.encode(0x84, new byte[] {2})))).isEqualTo(0x9000);
        byte[] message = ascii("délibération du conseil municipal");
        ResponseAPDU signature = card.transmit(new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, sha256DigestInfo(message), 256));

        assertThat(signature.getSW()).isEqualTo(0x9000);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(publicKey);
        verifier.update(message);
        assertThat(verifier.verify(signature.getData())).isTrue();
    }

    @Test
    void whenAKeyIsUsedOutsideItsRole_thenTheCardRefuses() {
        selectApplication();
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0x22, 0x41, 0xA4, Tlv.encode(0x84, new byte[] {2})))).isEqualTo(0x6985);
        assertThat(sw(new CommandAPDU(0x00, 0x22, 0x41, 0xB6, Tlv.encode(0x84, new byte[] {1})))).isEqualTo(0x6985);
        assertThat(sw(new CommandAPDU(0x00, 0x22, 0x41, 0xA4, Tlv.encode(0x84, new byte[] {1})))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0x88, 0x00, 0x00, new byte[32], 256))).isEqualTo(0x6A88);
        assertThat(sw(new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, new byte[32], 256))).isEqualTo(0x6985);
    }

    @Test
    void whenACertificateArrivesInAChain_thenItIsReadBackWhole() {
        selectApplication();
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0xA4, 0x02, 0x0C, new byte[] {(byte) 0xC0, 0x01}))).isEqualTo(0x9000);
        byte[] certificate = new byte[1200];
        Arrays.fill(certificate, (byte) 0x5A);

        ResponseAPDU written = exchange.transmitChained(new CommandAPDU(0x00, 0xD6, 0x00, 0x00, certificate));
        ResponseAPDU read = card.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 4096));

        assertThat(written.getSW()).isEqualTo(0x9000);
        assertThat(read.getSW()).isEqualTo(0x6282);
        assertThat(read.getData()).isEqualTo(certificate);
        assertThat(sw(new CommandAPDU(0x00, 0x0E, 0x00, 0x00))).isEqualTo(0x9000);
        assertThat(card.transmit(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 256)).getData()).isEmpty();
        assertThat(sw(new CommandAPDU(0x00, 0xB0, 0x10, 0x00, 256))).isEqualTo(0x6B00);
    }

    @Test
    void whenAChainIsBrokenByAnotherInstruction_thenTheCardSays6883() {
        selectApplication();
        assertThat(sw(new CommandAPDU(0x10, 0xD6, 0x00, 0x00, new byte[10]))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0xB0, 0x00, 0x00, 16))).isEqualTo(0x6883);
    }

    @Test
    void whenTheCommandIsUnknown_thenTheCardSaysWhatIsWrong() {
        selectApplication();
        assertThat(sw(new CommandAPDU(0x00, 0x12, 0x00, 0x00))).isEqualTo(0x6D00);
        assertThat(sw(new CommandAPDU(0x80, 0x20, 0x00, 0x01))).isEqualTo(0x6E00);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x03, 0x01))).isEqualTo(0x6A86);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x00, 0x07))).isEqualTo(0x6A88);
        assertThat(sw(new CommandAPDU(0x00, 0xC0, 0x00, 0x00, 16))).isEqualTo(0x6985);
        assertThat(new ResponseAPDU(card.transmit(new byte[] {0x00, 0x20, 0x00})).getSW()).isEqualTo(0x6700);
    }

    @Test
    void whenTheCardIsReset_thenThePinMustBeVerifiedAgain() {
        selectApplication();
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        card.reset();
        selectApplication();
        assertThat(sw(verifyStatus())).isEqualTo(0x63C3);
        assertThat(sw(verifyCommand("1234"))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0xFF, 0x01))).isEqualTo(0x9000);
        assertThat(sw(verifyStatus())).isEqualTo(0x63C3);
    }

    @Test
    void whenTheCardIsKeptInAFile_thenCountersKeysAndFilesSurviveARestartButNoSecretIsWrittenInClear(@TempDir Path directory)
            throws Exception {
        Path file = directory.resolve("card.properties");
        SimulatedCard first = SimulatedCard.keptIn(file, () -> SimulatedCardState.issue(SERIAL, ascii("4321"), ascii("PUK-0123456789")));
        ApduExchange firstExchange = new ApduExchange(first);
        firstExchange.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AgentCardLayout.applicationId()));
        assertThat(firstExchange.transmit(verifyCommand("0000")).getSW()).isEqualTo(0x63C2);
        assertThat(firstExchange.transmit(verifyCommand("4321")).getSW()).isEqualTo(0x9000);
        assertThat(firstExchange.transmit(generate(1)).getSW()).isEqualTo(0x9000);
        assertThat(firstExchange.transmit(verifyCommand("0000")).getSW()).isEqualTo(0x63C2);

        SimulatedCard second = SimulatedCard.keptIn(file, () -> {
            throw new AssertionError("the card must be loaded, not issued again");
        });
        ApduExchange secondExchange = new ApduExchange(second);
        secondExchange.transmit(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AgentCardLayout.applicationId()));

        assertThat(second.state().serialNumber()).isEqualTo(SERIAL);
        assertThat(second.state().userPinTriesLeft()).isEqualTo(2);
        assertThat(secondExchange.transmit(new CommandAPDU(0x00, 0x47, 0x81, 0x00, keyTemplate(1), 256)).getData())
                .isEqualTo(firstExchange.transmit(new CommandAPDU(0x00, 0x47, 0x81, 0x00, keyTemplate(1), 256)).getData());
        String saved = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(saved).doesNotContain("4321").doesNotContain("PUK-0123456789");
    }

    private void selectApplication() {
        assertThat(sw(new CommandAPDU(0x00, 0xA4, 0x04, 0x0C, AgentCardLayout.applicationId()))).isEqualTo(0x9000);
    }

    private void blockPin() {
        for (int i = 0; i < 3; i++) {
            card.transmit(verifyCommand("0000"));
        }
    }

    private int sw(CommandAPDU command) {
        return card.transmit(command).getSW();
    }

    private static CommandAPDU verifyCommand(String pin) {
        return new CommandAPDU(0x00, 0x20, 0x00, 0x01, block(pin, 8));
    }

    private static CommandAPDU verifyStatus() {
        return new CommandAPDU(0x00, 0x20, 0x00, 0x01);
    }

    private static CommandAPDU pukStatus() {
        return new CommandAPDU(0x00, 0x20, 0x00, 0x02);
    }

    private static CommandAPDU changePin(String current, String replacement) {
        return new CommandAPDU(0x00, 0x24, 0x00, 0x01, concat(block(current, 8), block(replacement, 8)));
    }

    private static CommandAPDU resetRetryCounter(String puk, String replacement) {
        return new CommandAPDU(0x00, 0x2C, 0x00, 0x01, concat(block(puk, 16), block(replacement, 8)));
    }

    private static CommandAPDU generate(int reference) {
        return new CommandAPDU(0x00, 0x47, 0x80, 0x00, keyTemplate(reference), 256);
    }

    private static byte[] keyTemplate(int reference) {
        return Tlv.encode(0xB6, Tlv.encode(0x84, new byte[] {(byte) reference}));
    }

    private static PublicKey rsaKey(byte[] template) throws Exception {
        byte[] inner = Tlv.find(template, 0x7F49).orElseThrow();
        BigInteger modulus = new BigInteger(1, Tlv.find(inner, 0x81).orElseThrow());
        BigInteger exponent = new BigInteger(1, Tlv.find(inner, 0x82).orElseThrow());
        assertThat(modulus.bitLength()).isEqualTo(2048);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static byte[] sha256DigestInfo(byte[] message) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        return new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), digest).getEncoded();
    }

    private static byte[] block(String secret, int length) {
        byte[] block = new byte[length];
        Arrays.fill(block, (byte) 0xFF);
        byte[] characters = ascii(secret);
        System.arraycopy(characters, 0, block, 0, characters.length);
        return block;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
