package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
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
import fr.cartesagents.bridge.apdu.RsaPublicKeys;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateIssuer;
import fr.cartesagents.bridge.pkcs15.Pkcs15Files;

/**
 * The baseline of the simulator benchmarks: the APDUs the bridge's PC/SC driver sends for each
 * operation — the same ones, in the same order, SELECT of the application included — written out
 * by hand and sent with bare {@link CardChannel#transmit}, without the driver: no exclusive
 * transaction, no GET RESPONSE / 6Cxx handling, no status-word translation beyond "9000 or fail".
 */
final class RawApduCard {

    private static final int SLICE = 255;
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

    /** What {@code changePin} sends: SELECT, CHANGE REFERENCE DATA (current then new PIN), VERIFY logout. */
    void changePin(byte[] currentBlock, byte[] replacementBlock) throws CardException {
        byte[] both = Arrays.copyOf(currentBlock, currentBlock.length + replacementBlock.length);
        System.arraycopy(replacementBlock, 0, both, currentBlock.length, replacementBlock.length);
        selectApplication();
        expect(new CommandAPDU(0x00, 0x24, 0x00, AgentCardLayout.USER_PIN_REFERENCE, both));
        logOut();
    }

    /**
     * What {@code sign} sends once the PIN is verified: SELECT, then for the signature key MSE SET HT
     * and DST, PSO HASH, PSO COMPUTE DIGITAL SIGNATURE; for the authentication key MSE SET AT and
     * INTERNAL AUTHENTICATE over the DigestInfo.
     */
    byte[] sign(KeyRole role, byte[] message) throws CardException {
        byte[] digestInfo = Sha256DigestInfo.of(message);
        selectApplication();
        if (role == KeyRole.SIGNATURE) {
            expect(new CommandAPDU(0x00, 0x22, AgentCardLayout.MSE_SET, AgentCardLayout.HASH_TEMPLATE,
                    Tlv.encode(AgentCardLayout.ALGORITHM_TAG, new byte[] {(byte) AgentCardLayout.ALGORITHM_SHA256})));
            expect(new CommandAPDU(0x00, 0x22, AgentCardLayout.MSE_SET, AgentCardLayout.DIGITAL_SIGNATURE_TEMPLATE,
                    keyAndAlgorithm(role, AgentCardLayout.ALGORITHM_RSA_PKCS_SHA256)));
            byte[] hash = Arrays.copyOfRange(digestInfo, digestInfo.length - 32, digestInfo.length);
            expect(new CommandAPDU(0x00, 0x2A, 0x90, 0xA0, Tlv.encode(AgentCardLayout.PSO_HASH_VALUE_TAG, hash)));
            return expect(new CommandAPDU(0x00, 0x2A, 0x9E, 0x9A, SHORT_ALL));
        }
        expect(new CommandAPDU(0x00, 0x22, AgentCardLayout.MSE_SET, AgentCardLayout.AUTHENTICATION_TEMPLATE,
                keyAndAlgorithm(role, AgentCardLayout.ALGORITHM_RSA_PKCS)));
        return expect(new CommandAPDU(0x00, 0x88, 0x00, 0x00, digestInfo, SHORT_ALL));
    }

    /**
     * What {@code authenticate}, {@link fr.cartesagents.bridge.personalization.Personalizer} and
     * {@code close()} send, in the same order: SELECT, VERIFY; for each role SELECT, GENERATE, GET DATA
     * of the public key, the certificate and public-key files written, the PKCS#15 directory written
     * (every file: SELECT, ERASE BINARY, UPDATE BINARY slices); the request's signature; the CA's
     * issuance; SELECT, the certificate file, the directory again; then SELECT, VERIFY logout. The
     * directory's contents come from the bridge's encoder (that is encoding, not card traffic).
     */
    Map<KeyRole, X509CertificateHolder> personalize(byte[] pinBlock, CertificateIssuer issuer, X500Name subject)
            throws CardException, GeneralSecurityException, IOException {
        Map<KeyRole, X509CertificateHolder> certificates = new EnumMap<>(KeyRole.class);
        Map<KeyRole, RSAPublicKey> keys = new EnumMap<>(KeyRole.class);
        selectApplication();
        expect(new CommandAPDU(0x00, 0x20, 0x00, AgentCardLayout.USER_PIN_REFERENCE, pinBlock));
        byte[] serial = Tlv.find(expectOrEndOfFile(new CommandAPDU(0x00, 0xB0, 0x80 | AgentCardLayout.SFI_EF_SN, 0x00, SHORT_ALL)),
                AgentCardLayout.SERIAL_NUMBER_TAG).orElseThrow();
        for (KeyRole role : List.of(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE)) {
            selectApplication();
            expect(new CommandAPDU(0x00, 0x47, 0x00, 0x00, Tlv.encode(AgentCardLayout.SDO_TEMPLATE,
                    new byte[] {(byte) 0xBF, (byte) 0x90, (byte) (0x80 | AgentCardLayout.keyReference(role))})));
            RSAPublicKey key = (RSAPublicKey) RsaPublicKeys.fromTemplate(readPublicKeySdo(role)).orElseThrow();
            keys.put(role, key);
            writeFile(AgentCardLayout.certificateFileId(role), new byte[0]);
            writeFile(AgentCardLayout.publicKeyFileId(role), RsaPublicKeys.pkcs1(key));
            writeDirectory(serial, keys, certificates.keySet());
            PKCS10CertificationRequest request = new PKCS10CertificationRequestBuilder(subject,
                    SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                    .build(new RawContentSigner(message -> sign(role, message)));
            X509CertificateHolder certificate = issuer.issue(request, role).get(0);
            selectApplication();
            writeFile(AgentCardLayout.certificateFileId(role), certificate.getEncoded());
            certificates.put(role, certificate);
            writeDirectory(serial, keys, certificates.keySet());
        }
        selectApplication();
        logOut();
        return certificates;
    }

    private void writeDirectory(byte[] serial, Map<KeyRole, RSAPublicKey> keys, java.util.Set<KeyRole> certified)
            throws CardException {
        Map<Integer, byte[]> contents = Pkcs15Files.of(serial, keys, certified);
        for (int fileId : Pkcs15Files.fileIds()) {
            writeFile(fileId, contents.get(fileId));
        }
    }

    /** GET DATA of the public key SDO (the answer comes in pieces: 61xx then GET RESPONSE), its contents. */
    private byte[] readPublicKeySdo(KeyRole role) throws CardException {
        byte[] request = {(byte) 0xBF, (byte) 0xA0, (byte) (0x80 | AgentCardLayout.keyReference(role)), 0x03, 0x7F, 0x49, (byte) 0x80};
        ResponseAPDU response = channel.transmit(new CommandAPDU(0x00, 0xCB, 0x3F, 0xFF,
                Tlv.encode(0x4D, Tlv.encode(AgentCardLayout.SDO_TEMPLATE, request)), SHORT_ALL));
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        while ((response.getSW() & 0xFF00) == 0x6100) {
            data.writeBytes(response.getData());
            response = channel.transmit(new CommandAPDU(0x00, 0xC0, 0x00, 0x00, response.getSW2() == 0 ? SHORT_ALL : response.getSW2()));
        }
        if (response.getSW() != SUCCESS) {
            throw new CardException(String.format("GET DATA answered %04X", response.getSW()));
        }
        data.writeBytes(response.getData());
        byte[] template = Tlv.find(data.toByteArray(), AgentCardLayout.SDO_TEMPLATE).orElseThrow();
        int lengthByte = template[3] & 0xFF;
        return Arrays.copyOfRange(template, 4 + (lengthByte == 0x81 ? 1 : lengthByte == 0x82 ? 2 : 0), template.length);
    }

    private void selectApplication() throws CardException {
        expect(new CommandAPDU(0x00, 0xA4, AgentCardLayout.SELECT_BY_AID, AgentCardLayout.SELECT_NO_RESPONSE,
                AgentCardLayout.applicationId()));
    }

    private void logOut() throws CardException {
        expect(new CommandAPDU(0x00, 0x20, AgentCardLayout.VERIFY_LOGOUT, AgentCardLayout.USER_PIN_REFERENCE));
    }

    /** SELECT of the EF, ERASE BINARY, then UPDATE BINARY in 255-byte slices at increasing offsets. */
    private void writeFile(int fileId, byte[] contents) throws CardException {
        expect(new CommandAPDU(0x00, 0xA4, AgentCardLayout.SELECT_EF_UNDER_CURRENT_DF, AgentCardLayout.SELECT_RETURN_FCP,
                new byte[] {(byte) (fileId >>> 8), (byte) fileId}, SHORT_ALL));
        expect(new CommandAPDU(0x00, 0x0E, 0x00, 0x00));
        for (int offset = 0; offset < contents.length; offset += SLICE) {
            expect(new CommandAPDU(0x00, 0xD6, offset >>> 8, offset & 0xFF,
                    Arrays.copyOfRange(contents, offset, Math.min(contents.length, offset + SLICE))));
        }
    }

    private byte[] expectOrEndOfFile(CommandAPDU command) throws CardException {
        ResponseAPDU response = channel.transmit(command);
        if (response.getSW() != SUCCESS && response.getSW() != 0x6282) {
            throw new CardException(String.format("INS %02X answered %04X", command.getINS(), response.getSW()));
        }
        return response.getData();
    }

    private byte[] expect(CommandAPDU command) throws CardException {
        ResponseAPDU response = channel.transmit(command);
        if (response.getSW() != SUCCESS) {
            throw new CardException(String.format("INS %02X answered %04X", command.getINS(), response.getSW()));
        }
        return response.getData();
    }

    private static byte[] keyAndAlgorithm(KeyRole role, int algorithm) {
        return Tlv.concatenate(
                Tlv.encode(AgentCardLayout.KEY_REFERENCE_TAG, new byte[] {(byte) (0x80 | AgentCardLayout.keyReference(role))}),
                Tlv.encode(AgentCardLayout.ALGORITHM_TAG, new byte[] {(byte) algorithm}));
    }
}
