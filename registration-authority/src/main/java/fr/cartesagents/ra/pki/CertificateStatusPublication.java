package fr.cartesagents.ra.pki;

import java.math.BigInteger;

import org.springframework.stereotype.Component;

import fr.cartesagents.ra.certificate.RevocationListener;
import reactor.core.publisher.Mono;

/**
 * A revocation publishes the CA's CRLs in its transaction (served from the commit on), then drops this
 * instance's pre-produced OCSP response.
 */
@Component
class CertificateStatusPublication implements RevocationListener {

    private final CrlPublisher crls;
    private final OcspService ocsp;

    CertificateStatusPublication(CrlPublisher crls, OcspService ocsp) {
        this.crls = crls;
        this.ocsp = ocsp;
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
    }
}
