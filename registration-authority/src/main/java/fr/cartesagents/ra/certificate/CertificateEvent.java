package fr.cartesagents.ra.certificate;

import java.math.BigInteger;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;
import fr.cartesagents.ra.audit.AuditTarget;

/** The audit actions on certificates ({@code certificate.reserved}...). */
@AuditSubject("certificate")
public enum CertificateEvent implements AuditAction {
    RESERVED, ISSUED, REVOKED;

    public static AuditTarget target(BigInteger serial) {
        return new AuditTarget("certificate", SerialHex.toHex(serial));
    }
}
