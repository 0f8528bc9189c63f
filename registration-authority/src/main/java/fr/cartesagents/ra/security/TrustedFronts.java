package fr.cartesagents.ra.security;

import java.util.Set;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * The fronts (reverse proxy, card portal) allowed to forward a user's certificate in
 * {@code X-Client-Certificate}: known by the SHA-256 fingerprint of the TLS client certificate they
 * connect with, listed in {@code cartes.security.trusted-fronts} or registered in the
 * {@code trusted_front} table.
 */
@Component
public class TrustedFronts {

    private final DatabaseClient database;
    private final Set<String> configured;

    public TrustedFronts(DatabaseClient database, SecurityProperties properties) {
        this.database = database;
        this.configured = SecurityProperties.fingerprints(properties.trustedFronts());
    }

    public Mono<Boolean> isTrusted(String fingerprintSha256) {
        if (configured.contains(fingerprintSha256)) {
            return Mono.just(true);
        }
        return database.sql("select 1 from trusted_front where fingerprint_sha256 = :fingerprint")
                .bind("fingerprint", fingerprintSha256)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    public Mono<Void> register(String fingerprintSha256, String label) {
        return database.sql("insert into trusted_front (fingerprint_sha256, label) values (:fingerprint, :label)"
                        + " on conflict (fingerprint_sha256) do nothing")
                .bind("fingerprint", CertificateFingerprint.normalize(fingerprintSha256))
                .bind("label", label)
                .then();
    }
}
