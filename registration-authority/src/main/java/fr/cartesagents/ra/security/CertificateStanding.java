package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * What our records say about a client certificate that chains to our CA: on record and good,
 * revoked, unknown (never issued through this server), or a different certificate under a serial
 * we issued. Only a good one logs a user in; an unknown one only when it is an administrator's or
 * a trusted front's (their certificates may come from the key ceremony rather than the API).
 */
@Component
class CertificateStanding {

    enum Standing { GOOD, REVOKED, UNKNOWN, NOT_THE_ONE_ON_RECORD }

    /** The standing, and the directory holder our records give the certificate (empty unless it is the one on record). */
    record Checked(Standing standing, Optional<String> holderId) {
    }

    private final CertificateHolders certificates;

    CertificateStanding(CertificateHolders certificates) {
        this.certificates = certificates;
    }

    Mono<Checked> of(X509Certificate certificate) {
        String fingerprint;
        try {
            fingerprint = CertificateFingerprint.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return Mono.just(new Checked(Standing.NOT_THE_ONE_ON_RECORD, Optional.empty()));
        }
        BigInteger serial = certificate.getSerialNumber();
        return certificates.recorded(serial)
                .map(recorded -> {
                    if (!recorded.fingerprintSha256().filter(fingerprint::equals).isPresent()) {
                        return new Checked(Standing.NOT_THE_ONE_ON_RECORD, Optional.empty());
                    }
                    return new Checked(recorded.good() ? Standing.GOOD : Standing.REVOKED, recorded.holderId());
                })
                .defaultIfEmpty(new Checked(Standing.UNKNOWN, Optional.empty()));
    }
}
