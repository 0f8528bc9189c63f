package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.AUTHENTICATION_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DIGITAL_SIGNATURE_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.GENERATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.KEY_REFERENCE_TAG;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.MSE_SET;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_DATA_TO_SIGN;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_DIGITAL_SIGNATURE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PUBLIC_KEY_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.READ_PUBLIC_KEY;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.RSA_EXPONENT;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.RSA_MODULUS;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The simulated card's keys: GENERATE ASYMMETRIC KEY PAIR (RSA 2048, generated and kept on the
 * card; only the public key comes out), MANAGE SECURITY ENVIRONMENT SET to pick a key, PERFORM
 * SECURITY OPERATION COMPUTE DIGITAL SIGNATURE with the signature key and INTERNAL AUTHENTICATE with
 * the authentication key. Both sign a DigestInfo with PKCS#1 v1.5 padding, and only once the user
 * PIN has been verified.
 */
final class KeyCommands {

    private static final int RSA_BITS = 2048;
    /** PKCS#1 v1.5 needs 11 bytes of padding in a 256-byte block. */
    private static final int LONGEST_DIGEST_INFO = RSA_BITS / 8 - 11;

    private final SimulatedCardState state;
    private final CardSession session;

    KeyCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply generateAsymmetricKeyPair(CommandAPDU command) {
        if (command.getP2() != 0 || (command.getP1() != GENERATE && command.getP1() != READ_PUBLIC_KEY)) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        OptionalInt reference = keyReferenceInTemplate(command.getData());
        if (reference.isEmpty()) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        if (role(reference.getAsInt()).isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (command.getP1() == READ_PUBLIC_KEY) {
            return state.keyPair(reference.getAsInt())
                    .map(pair -> Reply.ok(publicKeyTemplate((RSAPublicKey) pair.getPublic())))
                    .orElse(Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND));
        }
        if (!session.userPinVerified) {
            return Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        KeyPair pair = generateRsaKeyPair();
        state.keyPair(reference.getAsInt(), pair);
        return Reply.ok(publicKeyTemplate((RSAPublicKey) pair.getPublic()));
    }

    Reply manageSecurityEnvironment(CommandAPDU command) {
        int template = command.getP2();
        if (command.getP1() != MSE_SET || (template != DIGITAL_SIGNATURE_TEMPLATE && template != AUTHENTICATION_TEMPLATE)) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        Optional<byte[]> reference = Tlv.find(command.getData(), KEY_REFERENCE_TAG);
        if (reference.isEmpty() || reference.get().length != 1) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        Optional<KeyRole> role = role(reference.get()[0] & 0xFF);
        if (role.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (AgentCardLayout.securityEnvironmentTemplate(role.get()) != template) {
            // The signature key never authenticates, the authentication key never signs documents.
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        session.securityEnvironmentTemplate = template;
        session.securityEnvironmentKey = OptionalInt.of(reference.get()[0] & 0xFF);
        return Reply.ok();
    }

    Reply performSecurityOperation(CommandAPDU command) {
        if (command.getP1() != PSO_DIGITAL_SIGNATURE || command.getP2() != PSO_DATA_TO_SIGN) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        return signWithSelectedKey(DIGITAL_SIGNATURE_TEMPLATE, command.getData());
    }

    Reply internalAuthenticate(CommandAPDU command) {
        if (command.getP1() != 0 || command.getP2() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        return signWithSelectedKey(AUTHENTICATION_TEMPLATE, command.getData());
    }

    private Reply signWithSelectedKey(int template, byte[] digestInfo) {
        if (!session.userPinVerified) {
            return Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        if (session.securityEnvironmentTemplate != template || session.securityEnvironmentKey.isEmpty()) {
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        if (digestInfo.length == 0 || digestInfo.length > LONGEST_DIGEST_INFO) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        Optional<KeyPair> pair = state.keyPair(session.securityEnvironmentKey.getAsInt());
        if (pair.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        try {
            // NONEwithRSA pads the DigestInfo as PKCS#1 v1.5 block type 1, as the card's RSA engine does.
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initSign(pair.get().getPrivate());
            rsa.update(digestInfo);
            return Reply.ok(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The simulated card cannot sign", e);
        }
    }

    private static OptionalInt keyReferenceInTemplate(byte[] data) {
        for (int template : new int[] {DIGITAL_SIGNATURE_TEMPLATE, AUTHENTICATION_TEMPLATE}) {
            Optional<byte[]> reference = Tlv.find(data, template).flatMap(crt -> Tlv.find(crt, KEY_REFERENCE_TAG));
            if (reference.isPresent() && reference.get().length == 1) {
                return OptionalInt.of(reference.get()[0] & 0xFF);
            }
        }
        return OptionalInt.empty();
    }

    private static Optional<KeyRole> role(int reference) {
        return Arrays.stream(KeyRole.values()).filter(role -> AgentCardLayout.keyReference(role) == reference).findFirst();
    }

    private static KeyPair generateRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The simulated card cannot generate an RSA key", e);
        }
    }

    static byte[] publicKeyTemplate(RSAPublicKey key) {
        return Tlv.encode(PUBLIC_KEY_TEMPLATE, Tlv.concatenate(
                Tlv.encode(RSA_MODULUS, unsigned(key.getModulus())),
                Tlv.encode(RSA_EXPONENT, unsigned(key.getPublicExponent()))));
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
