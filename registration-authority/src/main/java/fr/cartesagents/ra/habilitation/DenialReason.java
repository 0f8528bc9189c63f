package fr.cartesagents.ra.habilitation;

import java.util.Locale;

/** Why a habilitation check answers no. */
enum DenialReason {
    /** Not a certificate this registration authority issued (or an unknown issuer). */
    CERTIFICATE_UNKNOWN,
    CERTIFICATE_REVOKED,
    /** Reserved but never signed, not yet valid, or expired. */
    CERTIFICATE_NOT_VALID_NOW,
    /** The certificate names no person of the directory (an application's or an administrator's). */
    HOLDER_UNKNOWN,
    HOLDER_DEPARTED,
    NOT_HABILITATED;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
