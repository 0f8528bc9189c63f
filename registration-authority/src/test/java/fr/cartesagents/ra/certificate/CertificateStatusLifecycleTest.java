package fr.cartesagents.ra.certificate;

import static fr.cartesagents.ra.certificate.CertificateStatusName.GOOD;
import static fr.cartesagents.ra.certificate.CertificateStatusName.PENDING;
import static fr.cartesagents.ra.certificate.CertificateStatusName.REVOKED;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.lifecycle.LifecycleSpec;

/** A reserved serial becomes good once signed; either is revoked for good. */
class CertificateStatusLifecycleTest {

    @Test
    void theTableIsTheCertificatesLifecycle() {
        LifecycleSpec.of(CertificateStatusName.LIFECYCLE, CertificateStatusName.class, CertificateStatusName.Action.class)
                .row(CertificateStatusName.Action.STORE_SIGNED, GOOD, PENDING)
                .row(CertificateStatusName.Action.REVOKE, REVOKED, PENDING, GOOD)
                .verify(REVOKED);
    }
}
