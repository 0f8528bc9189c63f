package fr.cartesagents.ra.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ra.security.CertificateFingerprint;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code certificate_authority} table: the CAs the PKI repository publishes. */
@Repository
public class CaRecords {

    /** A published CA. */
    public record CaRecord(String id, String role, String subject, byte[] certificate) {

        /** SHA-256 of the certificate, lowercase hexadecimal. */
        public String fingerprint() {
            return CertificateFingerprint.sha256(certificate);
        }
    }

    private final DatabaseClient database;

    CaRecords(DatabaseClient database) {
        this.database = database;
    }

    /** Records a CA certificate unless its id is taken; 1 when recorded now, 0 when it already was. */
    Mono<Long> insertIfAbsent(String id, String role, X509CertificateHolder certificate) {
        byte[] der;
        try {
            der = certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database.sql("insert into certificate_authority (id, role, subject, certificate, fingerprint_sha256, not_before,"
                        + " not_after) values (:id, :role, :subject, :certificate, :fingerprint, :notBefore, :notAfter)"
                        + " on conflict (id) do nothing")
                .bind("id", id)
                .bind("role", role)
                .bind("subject", certificate.getSubject().toString())
                .bind("certificate", der)
                .bind("fingerprint", CertificateFingerprint.sha256(der))
                .bind("notBefore", OffsetDateTime.ofInstant(certificate.getNotBefore().toInstant(), ZoneOffset.UTC))
                .bind("notAfter", OffsetDateTime.ofInstant(certificate.getNotAfter().toInstant(), ZoneOffset.UTC))
                .fetch().rowsUpdated();
    }

    public Flux<CaRecord> all() {
        return database.sql("select id, role, subject, certificate from certificate_authority order by created_at, id")
                .map(row -> new CaRecord(row.get("id", String.class), row.get("role", String.class),
                        row.get("subject", String.class), row.get("certificate", byte[].class)))
                .all();
    }

    public Mono<CaRecord> find(String id) {
        return all().filter(ca -> ca.id().equals(id)).next();
    }
}
