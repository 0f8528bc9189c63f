package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.simulator.Apdus.ascii;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.ApduExchange;
import fr.cartesagents.bridge.apdu.RsaPublicKeys;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.cardsecret.DerivedCardSecrets;
import fr.cartesagents.ca.cardsecret.SoftwareMasterKey;
import fr.cartesagents.ca.cardsecret.UnblockKey;

/** The simulated IAS-ECC card's APDU handling, talked to directly (the PC/SC tests go through pcscd). */
class SimulatedCardTest {

    private static final byte[] SERIAL = {0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, (byte) 0x80};
    private static final byte[] UNBLOCK_KEY = HexFormat.of().parseHex("10AC1ACE07BF7D53E0FA97271F055719");
    private static final String PUK = "31415926";
    private final SimulatedCard card = SimulatedCard.inMemory(
            SimulatedCardState.issue(SERIAL, ascii("1234"), ascii(PUK)).withUnblockKey(UNBLOCK_KEY));
    private final ApduExchange exchange = new ApduExchange(card);

    @Test
    void whenTheCardPowersUp_thenItsAtrIsTheAmosIasEccAtrOpenScListsWithItsCheckByte() {
        assertThat(HexFormat.of().withUpperCase().formatHex(card.atr()))
                .isEqualTo("3BDF18FF8191FE1FC30031B8640C01ECC173940180829000B3");
    }

    @Test
    void whenTheMasterFileIsRead_thenEfAtrEfDirAndEfSnSayWhatOpenScExpects() {
        byte[] efAtr = exchange.transmit(Apdus.readBinaryShortId(AgentCardLayout.SFI_EF_ATR)).getData();
        assertThat(Tlv.find(efAtr, 0x46)).hasValueSatisfying(preIssuing -> assertThat(preIssuing).hasSize(4));
        assertThat(Tlv.find(efAtr, 0xE0)).hasValueSatisfying(sizes -> assertThat(sizes).hasSize(16));

        byte[] efDir = exchange.transmit(Apdus.readBinaryShortId(AgentCardLayout.SFI_EF_DIR)).getData();
        byte[] application = Tlv.find(efDir, 0x61).orElseThrow();
        assertThat(Tlv.find(application, 0x4F)).contains(AgentCardLayout.applicationId());
        assertThat(Tlv.find(application, 0x51)).contains(new byte[] {0x3F, 0x00, 0x50, 0x00});

        byte[] efSn = exchange.transmit(Apdus.readBinaryShortId(AgentCardLayout.SFI_EF_SN)).getData();
        assertThat(Tlv.find(efSn, 0x5A)).contains(SERIAL);
    }

    @Test
    void whenFilesAreSelectedByPath_thenTheFcpCarriesSizeIdentifierAndContactAcls() {
        assertThat(sw(new CommandAPDU(0x00, 0xA4, 0x00, 0x0C, new byte[] {0x3F, 0x00}))).isEqualTo(0x9000);
        ResponseAPDU dir = exchange.transmit(Apdus.selectPath(0x09, 0x2F00));
        byte[] fcp = Tlv.find(dir.getData(), 0x62).orElseThrow();
        assertThat(Tlv.find(fcp, 0x83)).contains(new byte[] {0x2F, 0x00});
        assertThat(Tlv.find(fcp, 0xA1).flatMap(acls -> Tlv.find(acls, 0x8C))).isPresent();

        ResponseAPDU odf = exchange.transmit(Apdus.selectPath(0x08, 0x5000, 0x5031));
        assertThat(odf.getSW()).isEqualTo(0x9000);
        assertThat(Tlv.find(Tlv.find(odf.getData(), 0x62).orElseThrow(), 0x80)).contains(new byte[2]);
        assertThat(exchange.transmit(Apdus.selectPath(0x09, 0x5000)).getSW()).as("a DF names itself").isEqualTo(0x9000);
        assertThat(exchange.transmit(Apdus.selectPath(0x09, 0x4444)).getSW()).isEqualTo(0x6A82);
    }

    @Test
    void whenThePinIsWrongThreeTimes_thenTheCardCountsDownAndBlocks() {
        selectApplication();
        assertThat(sw(Apdus.pinStatus())).isEqualTo(0x63C3);
        assertThat(sw(Apdus.verifyPin("0000"))).isEqualTo(0x63C2);
        assertThat(sw(Apdus.verifyPin("0000"))).isEqualTo(0x63C1);
        assertThat(sw(Apdus.verifyPin("0000"))).isEqualTo(0x6983);
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x6983);
        assertThat(sw(Apdus.pinStatus())).isEqualTo(0x6983);
    }

    @Test
    void whenThePinHasTheWrongFormat_thenTheCardRefusesItWithoutSpendingATry() {
        selectApplication();
        assertThat(sw(Apdus.verifyPin("12a4"))).isEqualTo(0x6A80);
        assertThat(sw(Apdus.verifyPin("123"))).isEqualTo(0x6A80);
        assertThat(sw(Apdus.pinStatus())).isEqualTo(0x63C3);
    }

    @Test
    void whenThePinIsChangedWithUnpaddedPins_thenOnlyTheNewPinVerifies() {
        selectApplication();
        assertThat(sw(Apdus.changePin("1234", "87654321"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x63C2);
        assertThat(sw(Apdus.verifyPin("87654321"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.changePin("9999", "1111"))).isEqualTo(0x63C2);
    }

    @Test
    void whenThePinIsBlocked_thenVerifyingThePukThenResetRetryCounterSetsANewPin() {
        selectApplication();
        blockPin();
        assertThat(sw(Apdus.resetRetryCounter("5555"))).as("no PUK presented yet").isEqualTo(0x6982);
        assertThat(sw(Apdus.verify(0x82, "00000000"))).isEqualTo(0x63C9);
        assertThat(sw(Apdus.verify(0x82, PUK))).isEqualTo(0x9000);
        assertThat(sw(Apdus.resetRetryCounter("5555"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.resetRetryCounter("6666"))).as("one PUK, one reset").isEqualTo(0x6982);
        assertThat(sw(Apdus.pukStatus())).isEqualTo(0x63CA);
        assertThat(sw(Apdus.verifyPin("5555"))).isEqualTo(0x9000);
    }

    @Test
    void whenThePukIsChangedWithTheCurrentOne_thenOnlyTheNewPukUnblocksAndAWrongCurrentOneSpendsAPukTry() {
        selectApplication();
        String transport = "3141592653589793";
        assertThat(sw(Apdus.changePuk(PUK, "1234567"))).as("a new PUK shorter than 8").isEqualTo(0x6A80);
        assertThat(sw(Apdus.changePuk("27182818", transport))).as("not the current PUK").isEqualTo(0x63C9);
        assertThat(sw(Apdus.changePuk(PUK, transport))).isEqualTo(0x9000);
        assertThat(sw(Apdus.pukStatus())).as("a right PUK restores its tries").isEqualTo(0x63CA);
        assertThat(sw(Apdus.changePuk(transport, "87654321"))).as("a 16-character PUK then an 8-character one").isEqualTo(0x9000);

        blockPin();
        assertThat(sw(Apdus.verify(0x82, PUK))).as("the former PUK").isEqualTo(0x63C9);
        assertThat(sw(Apdus.verify(0x82, transport))).isEqualTo(0x63C8);
        assertThat(sw(Apdus.verify(0x82, "87654321"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.resetRetryCounter("5555"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.verifyPin("5555"))).isEqualTo(0x9000);
    }

    @Test
    void whenThePukIsBlocked_thenItCannotBeChangedEither() {
        selectApplication();
        for (int i = 0; i < 10; i++) {
            sw(Apdus.verify(0x82, "00000000"));
        }
        assertThat(sw(Apdus.changePuk(PUK, "87654321"))).isEqualTo(0x6983);
    }

    @Test
    void whenThePukIsWrongTenTimes_thenItIsBlockedForGood() {
        selectApplication();
        for (int i = 0; i < 9; i++) {
            assertThat(sw(Apdus.verify(0x82, "00000000"))).isEqualTo(0x63C0 | (9 - i));
        }
        assertThat(sw(Apdus.verify(0x82, "00000000"))).isEqualTo(0x6983);
        assertThat(sw(Apdus.verify(0x82, PUK))).isEqualTo(0x6983);
    }

    @Test
    void whenTheServerAnswersTheCardChallengeWithTheUnblockKey_thenThePinIsResetWithoutThePuk() {
        selectApplication();
        blockPin();
        byte[] challenge = exchange.transmit(Apdus.getChallenge()).getData();
        assertThat(challenge).hasSize(8);
        byte[] response = new UnblockKey(UNBLOCK_KEY).respond(challenge);
        assertThat(sw(Apdus.externalAuthenticate(response))).isEqualTo(0x9000);
        assertThat(sw(Apdus.resetRetryCounter("2468"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.verifyPin("2468"))).isEqualTo(0x9000);

        assertThat(sw(Apdus.externalAuthenticate(response))).as("a challenge serves once").isEqualTo(0x6985);
        exchange.transmit(Apdus.getChallenge());
        assertThat(sw(Apdus.externalAuthenticate(response))).as("a replayed response").isEqualTo(0x63C9);
        assertThat(card.state().unblockKeyTriesLeft()).isEqualTo(9);
    }

    @Test
    void whenTheIssuerMakesTheCard_thenItsPukAndUnblockKeyAreTheOnesTheServerDerivesForItsSerial() {
        CardSecrets issuer = new DerivedCardSecrets(SoftwareMasterKey.of(HexFormat.of().parseHex(
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")));
        SimulatedCard issued = SimulatedCard.inMemory(SimulatedCardState.issue(issuer, ascii("1234")));
        ApduExchange issuedExchange = new ApduExchange(issued);
        CardSerial serial = new CardSerial(issued.state().serialNumberHex());
        issuedExchange.transmit(Apdus.selectApplication());

        assertThat(issuedExchange.transmit(Apdus.verify(0x82, issuer.puk(serial).digits())).getSW()).isEqualTo(0x9000);
        byte[] challenge = issuedExchange.transmit(Apdus.getChallenge()).getData();
        assertThat(issuedExchange.transmit(Apdus.externalAuthenticate(issuer.unblockResponse(serial, challenge))).getSW())
                .isEqualTo(0x9000);
    }

    @Test
    void whenNoPinWasVerified_thenKeysCannotBeGeneratedNorUsed() {
        selectApplication();
        assertThat(sw(Apdus.generate(1))).isEqualTo(0x6982);
        assertThat(sw(Apdus.mse(0xA4, 1, 0x02))).isEqualTo(0x9000);
        assertThat(sw(Apdus.internalAuthenticate(new byte[35]))).isEqualTo(0x6982);
    }

    @Test
    void whenKeysAreGenerated_thenGetDataGivesThePublicKeyAndBothSignatureCommandsVerify() throws Exception {
        selectApplication();
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x9000);
        assertThat(exchange.transmit(Apdus.getData(0x20, 2, 0x7F49)).getData()).as("no key yet: no 7F49")
                .satisfies(data -> assertThat(RsaPublicKeys.fromTemplate(sdoContents(data))).isEmpty());
        assertThat(sw(Apdus.generate(1))).isEqualTo(0x9000);
        assertThat(sw(Apdus.generate(2))).isEqualTo(0x9000);
        PublicKey authentication = RsaPublicKeys.fromTemplate(sdoContents(exchange.transmit(Apdus.getData(0x20, 1, 0x7F49)).getData()))
                .orElseThrow();
        PublicKey signature = RsaPublicKeys.fromTemplate(sdoContents(exchange.transmit(Apdus.getData(0x20, 2, 0x7F49)).getData()))
                .orElseThrow();

        byte[] document = "Acte n° 42".getBytes(StandardCharsets.UTF_8);
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(document);
        assertThat(sw(Apdus.mse(0xAA, 0, 0x40))).isEqualTo(0x9000);
        assertThat(sw(Apdus.mse(0xB6, 2, 0x42))).isEqualTo(0x9000);
        assertThat(sw(Apdus.psoHash(hash))).isEqualTo(0x9000);
        assertThat(verifies(signature, document, exchange.transmit(Apdus.psoComputeDigitalSignature()).getData())).isTrue();
        assertThat(sw(Apdus.psoComputeDigitalSignature())).as("one hash, one signature").isEqualTo(0x6985);

        assertThat(sw(Apdus.mse(0xA4, 1, 0x02))).isEqualTo(0x9000);
        byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), hash).getEncoded();
        assertThat(verifies(authentication, document, exchange.transmit(Apdus.internalAuthenticate(digestInfo)).getData())).isTrue();
        assertThat(sw(Apdus.mse(0xB6, 1, 0x42))).as("the authentication key never signs documents").isEqualTo(0x6985);
    }

    @Test
    void whenARenewalKeyIsGenerated_thenItLivesBesideTheKeyInUse_withTheRulesOfItsRole() throws Exception {
        selectApplication();
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.generate(1))).isEqualTo(0x9000);
        PublicKey inUse = RsaPublicKeys.fromTemplate(sdoContents(exchange.transmit(Apdus.getData(0x20, 1, 0x7F49)).getData()))
                .orElseThrow();
        int renewal = AgentCardLayout.renewalKeyReference(KeyRole.AUTHENTICATION);
        assertThat(sw(Apdus.generate(renewal))).isEqualTo(0x9000);
        PublicKey renewed = RsaPublicKeys.fromTemplate(sdoContents(exchange.transmit(Apdus.getData(0x20, renewal, 0x7F49)).getData()))
                .orElseThrow();
        assertThat(renewed).isNotEqualTo(inUse);
        assertThat(RsaPublicKeys.fromTemplate(sdoContents(exchange.transmit(Apdus.getData(0x20, 1, 0x7F49)).getData())))
                .as("the key in use is still there").contains(inUse);

        byte[] document = "Renouvellement".getBytes(StandardCharsets.UTF_8);
        byte[] digestInfo = new DigestInfo(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                MessageDigest.getInstance("SHA-256").digest(document)).getEncoded();
        assertThat(sw(Apdus.mse(0xA4, renewal, 0x02))).isEqualTo(0x9000);
        assertThat(verifies(renewed, document, exchange.transmit(Apdus.internalAuthenticate(digestInfo)).getData())).isTrue();
        assertThat(sw(Apdus.mse(0xA4, 1, 0x02))).isEqualTo(0x9000);
        assertThat(verifies(inUse, document, exchange.transmit(Apdus.internalAuthenticate(digestInfo)).getData())).isTrue();
        assertThat(sw(Apdus.mse(0xB6, renewal, 0x42))).as("an authentication key, renewed or not, never signs documents")
                .isEqualTo(0x6985);
        assertThat(sw(Apdus.generate(0x13))).as("no third key reference").isEqualTo(0x6A88);
        // Its public key file, where the driver notes the key a renewal is for
        assertThat(sw(Apdus.selectFile(AgentCardLayout.renewalPublicKeyFileId(KeyRole.AUTHENTICATION)))).isEqualTo(0x9000);
    }

    @Test
    void whenTheChvSdoIsRead_thenItGivesLengthsTriesAndAcls() {
        selectApplication();
        byte[] data = exchange.transmit(Apdus.getData(0x01, 1, 0x7F41)).getData();
        byte[] contents = sdoContents(data);
        byte[] docp = Tlv.find(contents, 0xA0).orElseThrow();
        assertThat(Tlv.find(docp, 0x9A)).contains(new byte[] {3});
        assertThat(Tlv.find(docp, 0x9B)).contains(new byte[] {3});
        assertThat(Tlv.find(docp, 0x8C)).isPresent();
        byte[] chv = Tlv.find(contents, 0x7F41).orElseThrow();
        assertThat(Tlv.find(chv, 0x80)).contains(new byte[] {8});
        assertThat(Tlv.find(chv, 0x81)).contains(new byte[] {4});
    }

    @Test
    void whenApplicationFilesAreWritten_thenThePinIsNeededAndTheManufacturerFilesStayReadOnly() {
        selectApplication();
        exchange.transmit(Apdus.selectFile(0x4404));
        assertThat(sw(Apdus.updateBinary(0, new byte[] {0x30, 0x00}))).isEqualTo(0x6982);
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x9000);
        assertThat(sw(Apdus.updateBinary(0, new byte[] {0x30, 0x00}))).isEqualTo(0x9000);
        assertThat(exchange.transmit(Apdus.readBinary(0)).getData()).containsExactly(0x30, 0x00);
        assertThat(sw(Apdus.updateBinary(0, Apdus.filled(1025, 0)))).isEqualTo(0x6A84);
        assertThat(sw(new CommandAPDU(0x00, 0xD6, 0x80 | AgentCardLayout.SFI_EF_SN, 0x00, new byte[] {1}))).isEqualTo(0x6982);
    }

    @Test
    void whenTheCommandIsUnknown_thenTheCardSaysWhatIsWrong() {
        selectApplication();
        assertThat(sw(new CommandAPDU(0x00, 0x12, 0x00, 0x00))).isEqualTo(0x6D00);
        assertThat(sw(new CommandAPDU(0x80, 0x20, 0x00, 0x81))).isEqualTo(0x6E00);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x03, 0x81))).isEqualTo(0x6A86);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0x00, 0x07))).isEqualTo(0x6A88);
        assertThat(sw(new CommandAPDU(0x00, 0xC0, 0x00, 0x00, 16))).isEqualTo(0x6985);
        assertThat(new ResponseAPDU(card.transmit(new byte[] {0x00, 0x20, 0x00})).getSW()).isEqualTo(0x6700);
    }

    @Test
    void whenTheCardIsReset_thenThePinMustBeVerifiedAgain() {
        selectApplication();
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x9000);
        card.reset();
        assertThat(sw(Apdus.pinStatus())).isEqualTo(0x63C3);
        assertThat(sw(Apdus.verifyPin("1234"))).isEqualTo(0x9000);
        assertThat(sw(new CommandAPDU(0x00, 0x20, 0xFF, 0x81))).isEqualTo(0x9000);
        assertThat(sw(Apdus.pinStatus())).isEqualTo(0x63C3);
    }

    @Test
    void whenTheCardIsKeptInAFile_thenCountersKeysFilesAndTheUnblockKeySurviveARestartButNoPinOrPukIsWrittenInClear(
            @TempDir Path directory) throws Exception {
        Path file = directory.resolve("card.properties");
        SimulatedCard first = SimulatedCard.keptIn(file,
                () -> SimulatedCardState.issue(SERIAL, ascii("4321"), ascii(PUK)).withUnblockKey(UNBLOCK_KEY));
        ApduExchange firstExchange = new ApduExchange(first);
        firstExchange.transmit(Apdus.selectApplication());
        assertThat(firstExchange.transmit(Apdus.verifyPin("0000")).getSW()).isEqualTo(0x63C2);
        assertThat(firstExchange.transmit(Apdus.verifyPin("4321")).getSW()).isEqualTo(0x9000);
        assertThat(firstExchange.transmit(Apdus.generate(1)).getSW()).isEqualTo(0x9000);
        assertThat(firstExchange.transmit(Apdus.verifyPin("0000")).getSW()).isEqualTo(0x63C2);

        SimulatedCard second = SimulatedCard.keptIn(file, () -> {
            throw new AssertionError("the card must be loaded, not issued again");
        });
        ApduExchange secondExchange = new ApduExchange(second);
        secondExchange.transmit(Apdus.selectApplication());

        assertThat(second.state().serialNumber()).isEqualTo(SERIAL);
        assertThat(second.state().userPinTriesLeft()).isEqualTo(2);
        assertThat(second.state().unblockKeyTriesLeft()).isEqualTo(AgentCardLayout.UNBLOCK_KEY_TRIES);
        assertThat(secondExchange.transmit(Apdus.getData(0x20, 1, 0x7F49)).getData())
                .isEqualTo(firstExchange.transmit(Apdus.getData(0x20, 1, 0x7F49)).getData());
        String saved = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertThat(saved).doesNotContain("4321").doesNotContain(PUK);
    }

    private void selectApplication() {
        assertThat(sw(Apdus.selectApplication())).isEqualTo(0x9000);
    }

    private void blockPin() {
        for (int i = 0; i < 3; i++) {
            card.transmit(Apdus.verifyPin("0000"));
        }
    }

    private int sw(CommandAPDU command) {
        return exchange.transmit(command).getSW();
    }

    /** The contents of "70 { BF class reference length contents }". */
    private static byte[] sdoContents(byte[] data) {
        byte[] template = Tlv.find(data, 0x70).orElseThrow();
        int lengthByte = template[3] & 0xFF;
        int offset = 4 + (lengthByte == 0x81 ? 1 : lengthByte == 0x82 ? 2 : 0);
        return java.util.Arrays.copyOfRange(template, offset, template.length);
    }

    private static boolean verifies(PublicKey key, byte[] document, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(document);
        return verifier.verify(signature);
    }
}
