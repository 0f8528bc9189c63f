package fr.cartesagents.ra.order;

import java.math.BigInteger;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.certificate.SerialHex;

/**
 * The audit actions of a card's certificates, under the names the administrators' issuance writes
 * ({@code certificate.reserved}, {@code certificate.issued}), so that the trail reads the same
 * whichever way a certificate was issued.
 */
enum IssuanceEvent implements AuditAction {
    RESERVED,
    ISSUED;

    @Override
    public String subject() {
        return "certificate";
    }

    static AuditTarget target(BigInteger serial) {
        return new AuditTarget("certificate", SerialHex.toHex(serial));
    }
}
