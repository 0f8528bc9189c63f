package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.ALGORITHM_TAG;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.AUTHENTICATION_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DIGITAL_SIGNATURE_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.HASH_TEMPLATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.KEY_REFERENCE_TAG;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.MSE_SET;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_DATA_TO_SIGN;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_DIGITAL_SIGNATURE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_HASH_P1;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_HASH_P2;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.PSO_HASH_VALUE_TAG;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Optional;
import java.util.OptionalInt;

import javax.smartcardio.CommandAPDU;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;

import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The simulated card's signatures: MANAGE SECURITY ENVIRONMENT SET of an AT, a DST or an HT (key
 * reference 84, algorithm 80), PSO HASH (the whole hash in tag 90, or a short message in tag 80
 * that the card hashes itself), PSO COMPUTE DIGITAL SIGNATURE over the DigestInfo of that hash
 * (signature key only) and INTERNAL AUTHENTICATE over a DigestInfo given by the terminal. Both pad
 * with PKCS#1 v1.5 and need the user PIN.
 */
final class SecurityCommands {

    private static final int RSA_BYTES = 256;
    /** PKCS#1 v1.5 needs 11 bytes of padding in a 256-byte block. */
    private static final int LONGEST_DIGEST_INFO = RSA_BYTES - 11;
    private static final int LAST_BLOCK_TAG = 0x80;
    private static final int SHA256_LENGTH = 32;
    private static final int SHA384_LENGTH = 48;

    private final SimulatedCardState state;
    private final CardSession session;

    SecurityCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply manageSecurityEnvironment(CommandAPDU command) {
        int template = command.getP2();
        if (command.getP1() != MSE_SET
                || (template != DIGITAL_SIGNATURE_TEMPLATE && template != AUTHENTICATION_TEMPLATE && template != HASH_TEMPLATE)) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        byte[] data = command.getData();
        Optional<byte[]> algorithm = Tlv.find(data, ALGORITHM_TAG);
        if (template == HASH_TEMPLATE) {
            return algorithm.isPresent() ? Reply.ok() : Reply.of(StatusWord.INCORRECT_DATA);
        }
        Optional<byte[]> reference = Tlv.find(data, KEY_REFERENCE_TAG);
        if (reference.isEmpty() || reference.get().length != 1) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        int keyReference = reference.get()[0] & 0x7F;
        Optional<KeyRole> role = SdoCommands.role(keyReference);
        if (role.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (template == DIGITAL_SIGNATURE_TEMPLATE && role.get() != KeyRole.SIGNATURE) {
            // The authentication key never makes document signatures.
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        session.clearSecurityEnvironment();
        session.securityEnvironmentTemplate = template;
        session.securityEnvironmentKey = OptionalInt.of(keyReference);
        session.securityEnvironmentAlgorithm = algorithm.map(value -> value.length == 1 ? value[0] & 0xFF : 0).orElse(0);
        return Reply.ok();
    }

    /** PSO HASH (90 A0) or PSO COMPUTE DIGITAL SIGNATURE (9E 9A). */
    Reply performSecurityOperation(CommandAPDU command) {
        if (command.getP1() == PSO_HASH_P1 && command.getP2() == PSO_HASH_P2) {
            return hash(command.getData());
        }
        if (command.getP1() == PSO_DIGITAL_SIGNATURE && command.getP2() == PSO_DATA_TO_SIGN) {
            if (session.securityEnvironmentTemplate != DIGITAL_SIGNATURE_TEMPLATE) {
                return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
            }
            if (session.hash.length == 0) {
                return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
            }
            byte[] digestInfo = digestInfo(session.hash);
            session.hash = new byte[0];
            return sign(digestInfo);
        }
        return Reply.of(StatusWord.INCORRECT_P1_P2);
    }

    Reply internalAuthenticate(CommandAPDU command) {
        if (command.getP1() != 0 || command.getP2() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        if (session.securityEnvironmentTemplate != AUTHENTICATION_TEMPLATE) {
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        byte[] data = command.getData();
        if (data.length == 0 || data.length > LONGEST_DIGEST_INFO) {
            return Reply.of(StatusWord.WRONG_LENGTH);
        }
        return sign(data);
    }

    private Reply hash(byte[] data) {
        if (session.securityEnvironmentTemplate != DIGITAL_SIGNATURE_TEMPLATE) {
            return Reply.of(StatusWord.CONDITIONS_OF_USE_NOT_SATISFIED);
        }
        Optional<byte[]> hash = Tlv.find(data, PSO_HASH_VALUE_TAG);
        Optional<byte[]> lastBlock = Tlv.find(data, LAST_BLOCK_TAG);
        if (hash.isPresent() && (hash.get().length == SHA256_LENGTH || hash.get().length == SHA384_LENGTH)) {
            session.hash = hash.get();
            return Reply.ok();
        }
        if (hash.isPresent() && hash.get().length == 0 && lastBlock.isPresent()) {
            // No intermediate hash: the whole (short) message is in the last block; the card hashes it.
            session.hash = sha256(lastBlock.get());
            return Reply.ok();
        }
        return Reply.of(StatusWord.INCORRECT_DATA);
    }

    private Reply sign(byte[] digestInfo) {
        if (!session.userPinVerified) {
            return Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
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

    private static byte[] digestInfo(byte[] hash) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(hash.length == SHA384_LENGTH
                    ? NISTObjectIdentifiers.id_sha384 : NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE), hash).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot encode a DigestInfo", e);
        }
    }

    private static byte[] sha256(byte[] message) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
