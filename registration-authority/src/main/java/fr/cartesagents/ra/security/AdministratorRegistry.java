package fr.cartesagents.ra.security;

import java.util.Set;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/**
 * Which client certificates are administrators: those whose fingerprint is listed in
 * {@code cartes.security.administrator-fingerprints} or registered in the {@code administrator}
 * table (the demo ceremony registers its own administrator there).
 */
@Component
public class AdministratorRegistry {

    private final DatabaseClient database;
    private final Set<String> configured;

    public AdministratorRegistry(DatabaseClient database, SecurityProperties properties) {
        this.database = database;
        this.configured = SecurityProperties.fingerprints(properties.administratorFingerprints());
    }

    public Mono<Boolean> isAdministrator(String fingerprintSha256) {
        if (configured.contains(fingerprintSha256)) {
            return Mono.just(true);
        }
        return database.sql("select 1 from administrator where fingerprint_sha256 = :fingerprint")
                .bind("fingerprint", fingerprintSha256)
                .map(row -> true)
                .first()
                .defaultIfEmpty(false);
    }

    public Mono<Void> register(String fingerprintSha256, String label) {
        return database.sql("insert into administrator (fingerprint_sha256, label) values (:fingerprint, :label)"
                        + " on conflict (fingerprint_sha256) do nothing")
                .bind("fingerprint", CertificateFingerprint.normalize(fingerprintSha256))
                .bind("label", label)
                .then();
    }
}
