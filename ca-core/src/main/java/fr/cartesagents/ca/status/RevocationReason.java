package fr.cartesagents.ca.status;

import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.asn1.x509.CRLReason;

/** RFC 5280 section 5.3.1 reason codes, named as the RFC names them (the names the API accepts). */
public enum RevocationReason {
    UNSPECIFIED("unspecified", CRLReason.unspecified),
    KEY_COMPROMISE("keyCompromise", CRLReason.keyCompromise),
    CA_COMPROMISE("cACompromise", CRLReason.cACompromise),
    AFFILIATION_CHANGED("affiliationChanged", CRLReason.affiliationChanged),
    SUPERSEDED("superseded", CRLReason.superseded),
    CESSATION_OF_OPERATION("cessationOfOperation", CRLReason.cessationOfOperation),
    CERTIFICATE_HOLD("certificateHold", CRLReason.certificateHold),
    REMOVE_FROM_CRL("removeFromCRL", CRLReason.removeFromCRL),
    PRIVILEGE_WITHDRAWN("privilegeWithdrawn", CRLReason.privilegeWithdrawn),
    AA_COMPROMISE("aACompromise", CRLReason.aACompromise);

    private final String rfcName;
    private final int code;

    RevocationReason(String rfcName, int code) {
        this.rfcName = rfcName;
        this.code = code;
    }

    public String rfcName() {
        return rfcName;
    }

    public int code() {
        return code;
    }

    public static Optional<RevocationReason> fromRfcName(String name) {
        return Arrays.stream(values()).filter(r -> r.rfcName.equals(name)).findFirst();
    }

    public static RevocationReason fromCode(int code) {
        return Arrays.stream(values()).filter(r -> r.code == code).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown CRL reason code " + code));
    }
}
