package fr.cartesagents.ra.pki;

import java.math.BigInteger;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.certificate.RevocationListener;
import reactor.core.publisher.Mono;

/**
 * A revocation publishes the CA's CRLs in its transaction, then drops this instance's pre-produced OCSP
 * response and has the PKI repository serve the new CRL.
 */
@Component
class CertificateStatusPublication implements RevocationListener {

    private final CrlPublisher crls;
    private final OcspService ocsp;
    private final PkiRepositoryMemory repository;

    CertificateStatusPublication(CrlPublisher crls, OcspService ocsp, PkiRepositoryMemory repository) {
        this.crls = crls;
        this.ocsp = ocsp;
        this.repository = repository;
    }

    @Override
    public Mono<Void> revoked(String caId, BigInteger serial) {
        return crls.publish(caId).then();
    }

    /** One CRL for the whole batch: it lists every revoked serial of the CA. */
    @Override
    public Mono<Void> revokedAll(String caId, java.util.List<BigInteger> serials) {
        return serials.isEmpty() ? Mono.empty() : crls.publish(caId).then();
    }

    @Override
    public void committed(BigInteger serial) {
        ocsp.invalidate(serial);
        repository.refreshSoon(); // serve the CRL the revocation's transaction published
    }
}
