package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateIssuer;

/**
 * The baseline of the simulator benchmarks: the APDUs the bridge's PC/SC driver sends for each
 * operation — the same ones, in the same order, SELECT of the application included — written out
 * by hand and sent with bare {@link CardChannel#transmit}, without the driver: no exclusive
 * transaction, no GET RESPONSE / 6Cxx handling, no status-word translation beyond "9000 or fail".
 */
final class RawApduCard {

    private static final int CHAIN_LINK = 255;
    private static final int EXTENDED_ALL = 65536;
    private static final int SHORT_ALL = 256;
    private static final int SUCCESS = 0x9000;

    private final CardChannel channel;

    RawApduCard(CardChannel channel) {
        this.channel = channel;
    }

    /** What {@code authenticate(pin)} then {@code close()} send: SELECT, VERIFY; SELECT, VERIFY logout. */
    void verifyPinThenLogOut(byte[] pinBlock) throws CardException {
        selectApplication();
        expect(new CommandAPDU(0x00, 0x20, 0x00, AgentCardLayout.USER_PIN_REFERENCE, pinBlock));
        selectApplication();
        logOut();
    }

    /** What {@code changePin} sends: SELECT, CHANGE REFERENCE DATA, VERIFY logout. */
    void changePin(byte[] currentBlock, byte[] replacementBlock) throws CardException {
        byte[] both = Arrays.copyOf(currentBlock, currentBlock.length + replacementBlock.length);
        System.arraycopy(replacementBlock, 0, both, currentBlock.length, replacementBlock.length);
        selectApplication();
        expect(new CommandAPDU(0x00, 0x24, 0x00, AgentCardLayout.USER_PIN_REFERENCE, both));
        logOut();
    }

    /**
     * What {@code sign} sends once the PIN is verified: SELECT, MSE SET, then PSO COMPUTE DIGITAL
     * SIGNATURE (signature key) or INTERNAL AUTHENTICATE (authentication key) over the DigestInfo.
     */
    byte[] sign(KeyRole role, byte[] message) throws CardException {
        byte[] digestInfo = Sha256DigestInfo.of(message);
        selectApplication();
        expect(new CommandAPDU(0x00, 0x22, AgentCardLayout.MSE_SET, AgentCardLayout.securityEnvironmentTemplate(role),
                keyReference(role)));
        return role == KeyRole.SIGNATURE
                ? expect(new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, digestInfo, SHORT_ALL))
                : expect(new CommandAPDU(0x00, 0x88, 0x00, 0x00, digestInfo, SHORT_ALL));
    }

    /**
     * What {@code authenticate}, {@link fr.cartesagents.bridge.personalization.Personalizer} and
     * {@code close()} send: SELECT, VERIFY; for each role SELECT, GENERATE (extended Le), SELECT EF,
     * ERASE BINARY; the request's signature; the CA's issuance; SELECT, SELECT EF, ERASE BINARY, UPDATE
     * BINARY as a chain of short APDUs; then SELECT, VERIFY logout.
     */
    Map<KeyRole, X509CertificateHolder> personalize(byte[] pinBlock, CertificateIssuer issuer, X500Name subject)
            throws CardException, GeneralSecurityException, IOException {
        Map<KeyRole, X509CertificateHolder> certificates = new EnumMap<>(KeyRole.class);
        selectApplication();
        expect(new CommandAPDU(0x00, 0x20, 0x00, AgentCardLayout.USER_PIN_REFERENCE, pinBlock));
        for (KeyRole role : List.of(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE)) {
            selectApplication();
            PublicKey key = rsaPublicKey(expect(new CommandAPDU(0x00, 0x47, AgentCardLayout.GENERATE, 0x00,
                    Tlv.encode(AgentCardLayout.securityEnvironmentTemplate(role), keyReference(role)), EXTENDED_ALL)));
            selectCertificateFile(role);
            eraseFile();
            PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(subject,
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                    .build(new RawContentSigner(message -> sign(role, message)));
            X509CertificateHolder certificate = issuer.issue(request, role).get(0);
            selectApplication();
            selectCertificateFile(role);
            eraseFile();
            writeChained(certificate.getEncoded());
            certificates.put(role, certificate);
        }
        selectApplication();
        logOut();
        return certificates;
    }

    private void selectApplication() throws CardException {
        expect(new CommandAPDU(0x00, 0xA4, AgentCardLayout.SELECT_BY_AID, AgentCardLayout.SELECT_NO_RESPONSE,
                AgentCardLayout.applicationId()));
    }

    private void logOut() throws CardException {
        expect(new CommandAPDU(0x00, 0x20, AgentCardLayout.VERIFY_LOGOUT, AgentCardLayout.USER_PIN_REFERENCE));
    }

    private void selectCertificateFile(KeyRole role) throws CardException {
        int file = AgentCardLayout.certificateFileId(role);
        expect(new CommandAPDU(0x00, 0xA4, AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF, AgentCardLayout.SELECT_NO_RESPONSE,
                new byte[] {(byte) (file >>> 8), (byte) file}));
    }

    private void eraseFile() throws CardException {
        expect(new CommandAPDU(0x00, 0x0E, 0x00, 0x00));
    }

    /** UPDATE BINARY of the whole file in links of 255 bytes, CLA 10 on all but the last. */
    private void writeChained(byte[] contents) throws CardException {
        int offset = 0;
        while (contents.length - offset > CHAIN_LINK) {
            expect(new CommandAPDU(0x10, 0xD6, 0x00, 0x00, Arrays.copyOfRange(contents, offset, offset + CHAIN_LINK)));
            offset += CHAIN_LINK;
        }
        expect(new CommandAPDU(0x00, 0xD6, 0x00, 0x00, Arrays.copyOfRange(contents, offset, contents.length)));
    }

    private byte[] expect(CommandAPDU command) throws CardException {
        ResponseAPDU response = channel.transmit(command);
        if (response.getSW() != SUCCESS) {
            throw new CardException(String.format("INS %02X answered %04X", command.getINS(), response.getSW()));
        }
        return response.getData();
    }

    private static byte[] keyReference(KeyRole role) {
        return Tlv.encode(AgentCardLayout.KEY_REFERENCE_TAG, new byte[] {(byte) AgentCardLayout.keyReference(role)});
    }

    private static PublicKey rsaPublicKey(byte[] template) throws GeneralSecurityException {
        byte[] inner = Tlv.find(template, AgentCardLayout.PUBLIC_KEY_TEMPLATE).orElseThrow();
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, Tlv.find(inner, AgentCardLayout.RSA_MODULUS).orElseThrow()),
                new BigInteger(1, Tlv.find(inner, AgentCardLayout.RSA_EXPONENT).orElseThrow())));
    }
}
