package fr.cartesagents.ra.security;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import org.springframework.r2dbc.core.DatabaseClient;
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

    private final DatabaseClient database;

    CertificateStanding(DatabaseClient database) {
        this.database = database;
    }

    Mono<Standing> of(X509Certificate certificate) {
        String fingerprint;
        try {
            fingerprint = CertificateFingerprint.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return Mono.just(Standing.NOT_THE_ONE_ON_RECORD);
        }
        BigInteger serial = certificate.getSerialNumber();
        return database.sql("select status, fingerprint_sha256 from certificate where serial = :serial")
                .bind("serial", serial.toString(16))
                .map(row -> {
                    if (!fingerprint.equals(row.get("fingerprint_sha256", String.class))) {
                        return Standing.NOT_THE_ONE_ON_RECORD;
                    }
                    return "good".equals(row.get("status", String.class)) ? Standing.GOOD : Standing.REVOKED;
                })
                .first()
                .defaultIfEmpty(Standing.UNKNOWN);
    }
}
