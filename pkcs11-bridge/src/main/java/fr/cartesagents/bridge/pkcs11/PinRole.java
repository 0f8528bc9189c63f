package fr.cartesagents.bridge.pkcs11;

/** Which secret a failed PKCS#11 call was checking, so that PIN errors name the right one. */
enum PinRole {
    /** No PIN in this call. */
    NONE,
    /** C_Login as user. */
    USER,
    /** C_SetPIN: a wrong current PIN, or a new PIN the card refuses. */
    CURRENT_AND_NEW,
    /** C_Login as security officer: the unblock secret (PUK). */
    SECURITY_OFFICER,
    /** C_InitPIN: the new PIN only. */
    NEW_PIN
}
