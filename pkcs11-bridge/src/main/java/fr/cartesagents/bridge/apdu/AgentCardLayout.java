package fr.cartesagents.bridge.apdu;

import fr.cartesagents.bridge.card.KeyRole;

/**
 * Where things are on an IAS-ECC agent card (CEN TS 15480 / IAS-ECC v1.0.1, as OpenSC's
 * {@code iasecc} driver reads it): the files of the master file (EF.ATR, EF.DIR, EF.SN), the PKCS#15
 * application and its files, the security data objects (SDO) of the PIN, the PUK, the key pairs and
 * the unblock key, with the tags and algorithm references of their commands. The card simulator and
 * the PC/SC driver share this page; {@code docs/card-simulator.md} describes it.
 */
public final class AgentCardLayout {

    /**
     * The PKCS#15 application: ISO 7816-15 "CIA" AID prefix E8 28 BD 08 0F, then the IAS-ECC registered
     * application provider D2 50 and "Generic": the IAS-ECC generic PKI application (OpenSC's
     * {@code iasecc_generic_pki} profile).
     */
    private static final byte[] APPLICATION_ID = {
            (byte) 0xE8, 0x28, (byte) 0xBD, 0x08, 0x0F, (byte) 0xD2, 0x50, 'G', 'e', 'n', 'e', 'r', 'i', 'c'};

    public static final int MASTER_FILE = 0x3F00;
    public static final int EF_DIR = 0x2F00;
    public static final int EF_ATR = 0x2F01;
    public static final int EF_SN = 0xD003;
    /** Short file identifiers of EF.DIR, EF.ATR and EF.SN (IAS-ECC, readable from any DF). */
    public static final int SFI_EF_DIR = 0x1E;
    public static final int SFI_EF_ATR = 0x1D;
    public static final int SFI_EF_SN = 0x1C;
    public static final int APPLICATION_DF = 0x5000;
    public static final int EF_ODF = 0x5031;
    public static final int EF_TOKEN_INFO = 0x5032;
    public static final int EF_AODF = 0x4401;
    public static final int EF_PRKDF = 0x4402;
    public static final int EF_PUKDF = 0x4403;
    public static final int EF_CDF = 0x4404;

    /** Tag of the serial number in EF.SN (ISO 7812 PAN). */
    public static final int SERIAL_NUMBER_TAG = 0x5A;

    /** Local (application) references of the user PIN and of the PUK: VERIFY P2, SDO class CHV. */
    public static final int USER_PIN_REFERENCE = 0x81;
    public static final int PUK_REFERENCE = 0x82;
    /** Local reference of the symmetric unblock key (SDO class KEYSET): EXTERNAL AUTHENTICATE P2. */
    public static final int UNBLOCK_KEY_REFERENCE = 0x83;
    /** VERIFY P1 that resets the verification status (ISO 7816-4:2013, 11.5.6). */
    public static final int VERIFY_LOGOUT = 0xFF;
    /** RESET RETRY COUNTER P1: new PIN in the data, the PUK or key authenticated before. */
    public static final int RESET_WITH_NEW_PIN = 0x02;

    public static final int USER_PIN_MIN_LENGTH = 4;
    public static final int USER_PIN_MAX_LENGTH = 8;
    public static final int USER_PIN_TRIES = 3;
    public static final int PUK_MIN_LENGTH = 8;
    public static final int PUK_MAX_LENGTH = 16;
    public static final int PUK_TRIES = 10;
    public static final int UNBLOCK_KEY_TRIES = 10;
    /** GET CHALLENGE answers 8 bytes, as IAS-ECC cards do. */
    public static final int CHALLENGE_LENGTH = 8;

    /** GET DATA / PUT DATA of an SDO: INS CB/DB, P1-P2 3F FF, data 4D { 70 { BF class ref ... } }. */
    public static final int SDO_P1_P2 = 0x3FFF;
    public static final int EXTENDED_HEADER_LIST = 0x4D;
    public static final int SDO_TEMPLATE = 0x70;
    public static final int SDO_HEADER = 0xBF;
    public static final int SDO_CLASS_CHV = 0x01;
    public static final int SDO_CLASS_KEYSET = 0x0A;
    public static final int SDO_CLASS_RSA_PRIVATE = 0x10;
    public static final int SDO_CLASS_RSA_PUBLIC = 0x20;
    public static final int OBJECT_REFERENCE_LOCAL = 0x80;
    /** Data object control parameters of an SDO, and inside it: size, ACLs, tries. */
    public static final int DOCP = 0xA0;
    public static final int DOCP_SIZE = 0x80;
    public static final int DOCP_ACLS_CONTACT = 0x8C;
    public static final int DOCP_TRIES_MAXIMUM = 0x9A;
    public static final int DOCP_TRIES_REMAINING = 0x9B;
    public static final int CHV_DATA = 0x7F41;
    public static final int CHV_MAX_LENGTH = 0x80;
    public static final int CHV_MIN_LENGTH = 0x81;
    public static final int PRIVATE_KEY_DATA = 0x7F48;
    /** Public key template (ISO 7816-8) and its RSA modulus and exponent. */
    public static final int PUBLIC_KEY_TEMPLATE = 0x7F49;
    public static final int RSA_MODULUS = 0x81;
    public static final int RSA_EXPONENT = 0x82;

    /** MANAGE SECURITY ENVIRONMENT: SET for computation (P1) of an AT, a DST or an HT (P2). */
    public static final int MSE_SET = 0x41;
    public static final int AUTHENTICATION_TEMPLATE = 0xA4;
    public static final int DIGITAL_SIGNATURE_TEMPLATE = 0xB6;
    public static final int HASH_TEMPLATE = 0xAA;
    /** Tags inside a control reference template: key reference and algorithm reference. */
    public static final int KEY_REFERENCE_TAG = 0x84;
    public static final int ALGORITHM_TAG = 0x80;
    /** IAS-ECC algorithm references: RSA PKCS#1 v1.5, and with a SHA-256 hash; SHA-256 alone. */
    public static final int ALGORITHM_RSA_PKCS = 0x02;
    public static final int ALGORITHM_RSA_PKCS_SHA256 = 0x42;
    public static final int ALGORITHM_SHA256 = 0x40;

    /** PSO HASH (P1-P2 90 A0) with the whole hash in tag 90, then PSO COMPUTE DIGITAL SIGNATURE (9E 9A). */
    public static final int PSO_HASH_P1 = 0x90;
    public static final int PSO_HASH_P2 = 0xA0;
    public static final int PSO_HASH_VALUE_TAG = 0x90;
    public static final int PSO_DIGITAL_SIGNATURE = 0x9E;
    public static final int PSO_DATA_TO_SIGN = 0x9A;

    /** SELECT P1: by file identifier, EF under the current DF, by AID, path from the MF or from the current DF. */
    public static final int SELECT_BY_FILE_ID = 0x00;
    public static final int SELECT_EF_UNDER_CURRENT_DF = 0x02;
    public static final int SELECT_BY_AID = 0x04;
    public static final int SELECT_PATH_FROM_MF = 0x08;
    public static final int SELECT_PATH_FROM_CURRENT_DF = 0x09;
    /** SELECT P2: FCI, FCP or no response data. */
    public static final int SELECT_RETURN_FCI = 0x00;
    public static final int SELECT_RETURN_FCP = 0x04;
    public static final int SELECT_NO_RESPONSE = 0x0C;
    /** READ / UPDATE BINARY P1 bit that names a file by its short identifier. */
    public static final int SHORT_FILE_ID_FLAG = 0x80;

    /** The largest certificate file. */
    public static final int CERTIFICATE_FILE_SIZE = 4096;
    /** The largest PKCS#15 directory file. */
    public static final int DIRECTORY_FILE_SIZE = 1024;

    private AgentCardLayout() {
    }

    public static byte[] applicationId() {
        return APPLICATION_ID.clone();
    }

    /** The role's key reference: SDO reference of the RSA key pair, PKCS#15 keyReference, CKA_ID byte. */
    public static int keyReference(KeyRole role) {
        return role.id()[0] & 0xFF;
    }

    /**
     * The reference of the role's second key pair, for a renewal (issue 11): the card keeps signing with the
     * key in use until the renewed certificate is written, then the PKCS#15 directory names this one. The two
     * references take turns: the next renewal generates on the one retired by this one.
     */
    public static int renewalKeyReference(KeyRole role) {
        return role.renewalId()[0] & 0xFF;
    }

    /**
     * The file of the public key (PKCS#1) of the role's renewal key pair while a renewal is under way, empty
     * otherwise: 36 then the key reference. It says which key the renewal certificate must certify.
     */
    public static int renewalPublicKeyFileId(KeyRole role) {
        return 0x3600 | keyReference(role);
    }

    /** The file of the role's certificate: 34 then the key reference. */
    public static int certificateFileId(KeyRole role) {
        return 0x3400 | keyReference(role);
    }

    /** The file of the role's public key (PKCS#1 RSAPublicKey), for PKCS#15 readers: 35 then the key reference. */
    public static int publicKeyFileId(KeyRole role) {
        return 0x3500 | keyReference(role);
    }

    /**
     * How a role's key signs: the signature key through PSO COMPUTE DIGITAL SIGNATURE under a DST,
     * the authentication key through INTERNAL AUTHENTICATE under an AT.
     */
    public static int securityEnvironmentTemplate(KeyRole role) {
        return role == KeyRole.SIGNATURE ? DIGITAL_SIGNATURE_TEMPLATE : AUTHENTICATION_TEMPLATE;
    }
}
