package fr.cartesagents.bridge.simulator;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.CHV_DATA;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.CHV_MAX_LENGTH;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.CHV_MIN_LENGTH;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DOCP;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DOCP_ACLS_CONTACT;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DOCP_SIZE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DOCP_TRIES_MAXIMUM;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.DOCP_TRIES_REMAINING;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EXTENDED_HEADER_LIST;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.OBJECT_REFERENCE_LOCAL;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_CLASS_CHV;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_CLASS_KEYSET;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_CLASS_RSA_PRIVATE;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_CLASS_RSA_PUBLIC;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_HEADER;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_P1_P2;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.SDO_TEMPLATE;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

import javax.smartcardio.CommandAPDU;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.apdu.RsaPublicKeys;
import fr.cartesagents.bridge.apdu.StatusWord;
import fr.cartesagents.bridge.apdu.Tlv;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The IAS-ECC security data objects (SDO) of the simulated card, read by GET DATA (CB 3F FF): the
 * user PIN and PUK (class CHV: lengths, tries, ACLs), the RSA key pairs (their control parameters,
 * and the public key of a generated pair), the unblock key (class KEYSET: tries); and GENERATE
 * ASYMMETRIC KEY PAIR (47 00 00 with the private key's SDO reference), which makes an RSA 2048 pair
 * on the card under the user PIN. The ACL bytes follow IAS-ECC: an access mode byte, then one
 * security condition byte per operation (00 always, 1n user authentication in SE n, FF never).
 */
final class SdoCommands {

    private static final int RSA_BITS = 2048;
    /** CHV: CHANGE always (the current PIN is in the command), VERIFY always, RESET after the PUK (SE 2), GET DATA always. */
    private static final byte[] USER_PIN_ACLS = {0x71, 0x00, 0x00, 0x12, 0x00};
    /** CHV: VERIFY and GET DATA always; nothing else (the PUK is never changed). */
    private static final byte[] PUK_ACLS = {0x21, 0x00, 0x00};
    /**
     * RSA private key: PSO signature (signature key only), INTERNAL AUTHENTICATE, GENERATE under
     * the user PIN; GET DATA always. The signature key also allows INTERNAL AUTHENTICATE because
     * OpenSC 0.23 on OpenSSL 3 signs every request that way (see docs/card-simulator.md).
     */
    private static final byte[] AUTHENTICATION_KEY_ACLS = {0x29, 0x11, 0x11, 0x00};
    private static final byte[] SIGNATURE_KEY_ACLS = {0x69, 0x11, 0x11, 0x11, 0x00};
    private static final byte[] PUBLIC_KEY_ACLS = {0x01, 0x00};
    /** KEYSET: EXTERNAL AUTHENTICATE always (it is the authentication), GET DATA always. */
    private static final byte[] UNBLOCK_KEY_ACLS = {0x21, 0x00, 0x00};

    private final SimulatedCardState state;
    private final CardSession session;

    SdoCommands(SimulatedCardState state, CardSession session) {
        this.state = state;
        this.session = session;
    }

    Reply getData(CommandAPDU command) {
        if (((command.getP1() << 8) | command.getP2()) != SDO_P1_P2) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        Optional<int[]> reference = Tlv.find(command.getData(), EXTENDED_HEADER_LIST)
                .flatMap(list -> Tlv.find(list, SDO_TEMPLATE))
                .flatMap(SdoCommands::classAndReference);
        if (reference.isEmpty()) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        int sdoClass = reference.get()[0];
        int sdoReference = reference.get()[1];
        Optional<byte[]> contents = contents(sdoClass, sdoReference);
        if (contents.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        byte[] header = {(byte) SDO_HEADER, (byte) (sdoClass | OBJECT_REFERENCE_LOCAL), (byte) (sdoReference | OBJECT_REFERENCE_LOCAL)};
        return Reply.ok(Tlv.encode(SDO_TEMPLATE, Tlv.concatenate(header, Tlv.length(contents.get().length), contents.get())));
    }

    Reply generateAsymmetricKeyPair(CommandAPDU command) {
        if (command.getP1() != 0 || command.getP2() != 0) {
            return Reply.of(StatusWord.INCORRECT_P1_P2);
        }
        Optional<int[]> reference = Tlv.find(command.getData(), SDO_TEMPLATE).flatMap(SdoCommands::classAndReference);
        if (reference.isEmpty() || reference.get()[0] != SDO_CLASS_RSA_PRIVATE) {
            return Reply.of(StatusWord.INCORRECT_DATA);
        }
        Optional<KeyRole> role = role(reference.get()[1]);
        if (role.isEmpty()) {
            return Reply.of(StatusWord.REFERENCED_DATA_NOT_FOUND);
        }
        if (!session.userPinVerified) {
            return Reply.of(StatusWord.SECURITY_STATUS_NOT_SATISFIED);
        }
        state.keyPair(reference.get()[1], generateRsaKeyPair());
        return Reply.ok();
    }

    private Optional<byte[]> contents(int sdoClass, int reference) {
        return switch (sdoClass) {
            case SDO_CLASS_CHV -> chv(reference);
            case SDO_CLASS_RSA_PRIVATE -> role(reference).map(role -> docp(sizeInBytes(),
                    role == KeyRole.SIGNATURE ? SIGNATURE_KEY_ACLS : AUTHENTICATION_KEY_ACLS, new byte[0]));
            case SDO_CLASS_RSA_PUBLIC -> role(reference).map(role -> Tlv.concatenate(
                    docp(sizeInBytes(), PUBLIC_KEY_ACLS, new byte[0]),
                    state.keyPair(reference)
                            .map(pair -> RsaPublicKeys.template((RSAPublicKey) pair.getPublic()))
                            .orElse(new byte[0])));
            case SDO_CLASS_KEYSET -> reference == (AgentCardLayout.UNBLOCK_KEY_REFERENCE & 0x3F) && state.unblockKey().isPresent()
                    ? Optional.of(docp(new byte[0], UNBLOCK_KEY_ACLS, tries(AgentCardLayout.UNBLOCK_KEY_TRIES, state.unblockKeyTriesLeft())))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private Optional<byte[]> chv(int reference) {
        if (reference == (AgentCardLayout.USER_PIN_REFERENCE & 0x3F)) {
            return Optional.of(Tlv.concatenate(
                    docp(new byte[0], USER_PIN_ACLS, tries(AgentCardLayout.USER_PIN_TRIES, state.userPinTriesLeft())),
                    lengths(AgentCardLayout.USER_PIN_MIN_LENGTH, AgentCardLayout.USER_PIN_MAX_LENGTH)));
        }
        if (reference == (AgentCardLayout.PUK_REFERENCE & 0x3F)) {
            return Optional.of(Tlv.concatenate(
                    docp(new byte[0], PUK_ACLS, tries(AgentCardLayout.PUK_TRIES, state.pukTriesLeft())),
                    lengths(AgentCardLayout.PUK_MIN_LENGTH, AgentCardLayout.PUK_MAX_LENGTH)));
        }
        return Optional.empty();
    }

    private static byte[] docp(byte[] size, byte[] acls, byte[] tries) {
        return Tlv.encode(DOCP, Tlv.concatenate(
                size.length == 0 ? new byte[0] : Tlv.encode(DOCP_SIZE, size),
                Tlv.encode(DOCP_ACLS_CONTACT, acls),
                tries));
    }

    private static byte[] tries(int maximum, int remaining) {
        return Tlv.concatenate(Tlv.encode(DOCP_TRIES_MAXIMUM, new byte[] {(byte) maximum}),
                Tlv.encode(DOCP_TRIES_REMAINING, new byte[] {(byte) remaining}));
    }

    private static byte[] lengths(int minimum, int maximum) {
        return Tlv.encode(CHV_DATA, Tlv.concatenate(Tlv.encode(CHV_MAX_LENGTH, new byte[] {(byte) maximum}),
                Tlv.encode(CHV_MIN_LENGTH, new byte[] {(byte) minimum})));
    }

    /** The key size as IAS-ECC cards give it in the DOCP: the modulus length in bytes. */
    private static byte[] sizeInBytes() {
        int bytes = RSA_BITS / 8;
        return new byte[] {(byte) (bytes >>> 8), (byte) bytes};
    }

    /** Class and reference (local bit removed) of the SDO named by "BF class reference" in {@code template}. */
    private static Optional<int[]> classAndReference(byte[] template) {
        if (template.length < 3 || (template[0] & 0xFF) != SDO_HEADER) {
            return Optional.empty();
        }
        return Optional.of(new int[] {template[1] & 0x7F, template[2] & 0x3F});
    }

    /** The role of a key pair's reference: its own, or its renewal key pair's, which has the same access rules. */
    static Optional<KeyRole> role(int reference) {
        for (KeyRole role : KeyRole.values()) {
            if (AgentCardLayout.keyReference(role) == reference || AgentCardLayout.renewalKeyReference(role) == reference) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
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
}
