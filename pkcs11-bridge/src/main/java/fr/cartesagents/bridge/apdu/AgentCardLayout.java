package fr.cartesagents.bridge.apdu;

import fr.cartesagents.bridge.card.KeyRole;

/**
 * Where things are on an agent card (IAS-ECC-like): the application identifier, the PIN and PUK
 * references, the serial-number data object, the key references and certificate files. The card
 * simulator and the PC/SC driver share this page, and {@code docs/card-simulator.md} describes it.
 */
public final class AgentCardLayout {

    /** Proprietary AID (first byte F: not registered) of the agent application. */
    private static final byte[] APPLICATION_ID = {
            (byte) 0xF0, 0x00, 'C', 'A', 'R', 'T', 'E', 'S', '-', 'A', 'G', 'E', 'N', 'T', 'S'};

    /** VERIFY / CHANGE REFERENCE DATA / RESET RETRY COUNTER P2 of the user PIN. */
    public static final int USER_PIN_REFERENCE = 0x01;
    /** VERIFY P2 of the unblock code (PUK). */
    public static final int PUK_REFERENCE = 0x02;
    /** VERIFY P1 that resets the verification status (ISO 7816-4:2013, 11.5.6). */
    public static final int VERIFY_LOGOUT = 0xFF;

    public static final int USER_PIN_MIN_LENGTH = 4;
    public static final int USER_PIN_MAX_LENGTH = 8;
    public static final int USER_PIN_TRIES = 3;
    public static final int PUK_MIN_LENGTH = 8;
    public static final int PUK_MAX_LENGTH = 16;
    public static final int PUK_TRIES = 10;

    /** GET DATA P1-P2 of the card serial number (8 bytes). */
    public static final int SERIAL_NUMBER_TAG = 0x005A;

    /** GENERATE ASYMMETRIC KEY PAIR P1 (ISO 7816-8): generate, or read the public key back. */
    public static final int GENERATE = 0x80;
    public static final int READ_PUBLIC_KEY = 0x81;

    /** MANAGE SECURITY ENVIRONMENT: SET for computation (P1) of a DST or an AT (P2). */
    public static final int MSE_SET = 0x41;
    public static final int DIGITAL_SIGNATURE_TEMPLATE = 0xB6;
    public static final int AUTHENTICATION_TEMPLATE = 0xA4;
    /** Key reference tag inside a control reference template. */
    public static final int KEY_REFERENCE_TAG = 0x84;

    /** PSO COMPUTE DIGITAL SIGNATURE: P1-P2 = 9E 9A. */
    public static final int PSO_DIGITAL_SIGNATURE = 0x9E;
    public static final int PSO_DATA_TO_SIGN = 0x9A;

    /** Public key template (ISO 7816-8) and its RSA modulus and exponent. */
    public static final int PUBLIC_KEY_TEMPLATE = 0x7F49;
    public static final int RSA_MODULUS = 0x81;
    public static final int RSA_EXPONENT = 0x82;

    /** SELECT P1 (by AID, or EF under the current DF) and P2 (no response data / FCI). */
    public static final int SELECT_BY_AID = 0x04;
    public static final int SELECT_EF_UNDER_CURRENT_DF = 0x02;
    public static final int SELECT_NO_RESPONSE = 0x0C;
    public static final int SELECT_RETURN_FCI = 0x00;

    /** The largest certificate file. */
    public static final int CERTIFICATE_FILE_SIZE = 4096;

    private AgentCardLayout() {
    }

    public static byte[] applicationId() {
        return APPLICATION_ID.clone();
    }

    /** The on-card reference of a role's key pair: the role's CKA_ID byte. */
    public static int keyReference(KeyRole role) {
        return role.id()[0] & 0xFF;
    }

    /** The file identifier of a role's certificate EF: C0 then the key reference. */
    public static int certificateFileId(KeyRole role) {
        return 0xC000 | keyReference(role);
    }

    /**
     * The key usage a role's key is bound to: the signature key signs through PSO COMPUTE DIGITAL
     * SIGNATURE under a DST, the authentication key through INTERNAL AUTHENTICATE under an AT.
     */
    public static int securityEnvironmentTemplate(KeyRole role) {
        return role == KeyRole.SIGNATURE ? DIGITAL_SIGNATURE_TEMPLATE : AUTHENTICATION_TEMPLATE;
    }
}
