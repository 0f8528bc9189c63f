package fr.cartesagents.ra.certificate;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ca.issuance.PreparedCertificate;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ra.lifecycle.StateGuard;
import fr.cartesagents.ra.security.CertificateFingerprint;
import fr.cartesagents.ra.security.CertificateHolders;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code certificate} table. Writes join the caller's transaction. Authentication reads it
 * through {@link CertificateHolders} (at every request: only the three columns it needs, no DER).
 */
@Repository
public class CertificateRecords implements CertificateHolders {

    /** Every column of a record but its DER, which the caller may already hold. */
    private static final String COLUMNS_BUT_DER = "serial, ca_id, profile, subject, holder_id, not_before, not_after, status,"
            + " revoked_at, revocation_reason, invalidity_date";
    private static final String COLUMNS = COLUMNS_BUT_DER + ", der";

    private final DatabaseClient database;

    public CertificateRecords(DatabaseClient database) {
        this.database = database;
    }

    /** Records a certificate; with {@code ifAbsent}, a serial already on record is left as it is. */
    public Mono<Long> insert(String caId, X509CertificateHolder certificate, String profile, Optional<String> holderId,
                             boolean ifAbsent) {
        byte[] der = encoded(certificate);
        DatabaseClient.GenericExecuteSpec insert = database.sql("insert into certificate (serial, ca_id, profile, subject,"
                        + " holder_id, not_before, not_after, der, fingerprint_sha256, status) values (:serial, :caId, :profile,"
                        + " :subject, :holderId, :notBefore, :notAfter, :der, :fingerprint, :status)"
                        + (ifAbsent ? " on conflict (serial) do nothing" : ""))
                .bind("status", CertificateStatusName.GOOD.databaseName())
                .bind("serial", SerialHex.toHex(certificate.getSerialNumber()))
                .bind("caId", caId)
                .bind("profile", profile)
                .bind("subject", certificate.getSubject().toString())
                .bind("notBefore", utc(certificate.getNotBefore().toInstant()))
                .bind("notAfter", utc(certificate.getNotAfter().toInstant()))
                .bind("der", der)
                .bind("fingerprint", CertificateFingerprint.sha256(der));
        insert = holderId.isPresent() ? insert.bind("holderId", holderId.get()) : insert.bindNull("holderId", String.class);
        return insert.fetch().rowsUpdated();
    }

    /** Reserves {@code prepared}'s serial before the CA key signs it: a {@code pending} row without DER. */
    public Mono<Long> reserve(String caId, PreparedCertificate prepared, Optional<String> holderId) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("insert into certificate (serial, ca_id, profile, subject,"
                        + " holder_id, not_before, not_after, status) values (:serial, :caId, :profile, :subject, :holderId,"
                        + " :notBefore, :notAfter, :status)")
                .bind("status", CertificateStatusName.PENDING.databaseName())
                .bind("serial", SerialHex.toHex(prepared.serial()))
                .bind("caId", caId)
                .bind("profile", prepared.profileName())
                .bind("subject", prepared.subject().toString())
                .bind("notBefore", utc(prepared.notBefore()))
                .bind("notAfter", utc(prepared.notAfter()));
        insert = holderId.isPresent() ? insert.bind("holderId", holderId.get()) : insert.bindNull("holderId", String.class);
        return insert.fetch().rowsUpdated();
    }

    /**
     * Stores the signed certificate of a reserved serial: it becomes {@code good}, unless it was revoked
     * while being signed (then it stays revoked, with its DER). 0 rows when the serial is not reserved.
     */
    public Mono<Long> storeSigned(X509CertificateHolder certificate) {
        return storeSignedAndRead(certificate).map(stored -> 1L).defaultIfEmpty(0L);
    }

    /**
     * {@link #storeSigned} and the record as it then stands, in one statement (one round trip fewer on
     * every issuance than a re-read); empty when the serial is not reserved. The DER is not read back:
     * the statement has just stored the very bytes it is given.
     */
    public Mono<CertificateRecord> storeSignedAndRead(X509CertificateHolder certificate) {
        byte[] der = encoded(certificate);
        StateGuard signed = CertificateStatusName.LIFECYCLE.guard(CertificateStatusName.Action.STORE_SIGNED, "status");
        return signed.bind(database.sql("update certificate set der = :der, fingerprint_sha256 = :fingerprint,"
                        + " status = case when " + signed.where("status") + " then :statusTo else status end"
                        + " where serial = :serial and der is null returning " + COLUMNS_BUT_DER))
                .bind("serial", SerialHex.toHex(certificate.getSerialNumber()))
                .bind("der", der)
                .bind("fingerprint", CertificateFingerprint.sha256(der))
                .map(row -> recordWithDer(row, Optional.of(der)))
                .one();
    }

    public Mono<CertificateRecord> find(BigInteger serial) {
        return database.sql("select " + COLUMNS + " from certificate where serial = :serial")
                .bind("serial", SerialHex.toHex(serial))
                .map(CertificateRecords::record)
                .one();
    }

    @Override
    public Mono<RecordedCertificate> recorded(BigInteger serial) {
        return database.sql("select status, fingerprint_sha256, holder_id from certificate where serial = :serial")
                .bind("serial", SerialHex.toHex(serial))
                .map(row -> new RecordedCertificate(Optional.ofNullable(row.get("fingerprint_sha256", String.class)),
                        CertificateStatusName.ofColumn(row.get("status", String.class)) == CertificateStatusName.GOOD,
                        Optional.ofNullable(row.get("holder_id", String.class))))
                .one();
    }

    public Flux<CertificateRecord> findAll(String caId, Collection<BigInteger> serials) {
        return database.sql("select " + COLUMNS + " from certificate where ca_id = :caId and serial = any(:serials)")
                .bind("caId", caId)
                .bind("serials", serials.stream().map(SerialHex::toHex).toArray(String[]::new))
                .map(CertificateRecords::record)
                .all();
    }

    /**
     * Revokes a good certificate or a reserved serial (it may have been signed before a crash): 1 row,
     * or 0 when it was revoked meanwhile.
     */
    public Mono<Long> markRevoked(BigInteger serial, Instant revokedAt, RevocationReason reason, Optional<Instant> invalidityDate) {
        StateGuard revoke = CertificateStatusName.LIFECYCLE.guard(CertificateStatusName.Action.REVOKE, "status");
        DatabaseClient.GenericExecuteSpec update = revoke.bind(database.sql("update certificate set " + revoke.set("status")
                        + ", revoked_at = :revokedAt, revocation_reason = :reason, invalidity_date = :invalidityDate"
                        + " where serial = :serial and " + revoke.where("status")))
                .bind("serial", SerialHex.toHex(serial))
                .bind("revokedAt", utc(revokedAt))
                .bind("reason", reason.rfcName());
        update = invalidityDate.isPresent() ? update.bind("invalidityDate", utc(invalidityDate.get()))
                : update.bindNull("invalidityDate", OffsetDateTime.class);
        return update.fetch().rowsUpdated();
    }

    /**
     * Revokes, with {@code reason} at {@code revokedAt}, at most {@code limit} serials of {@code caId}
     * reserved before {@code reservedBefore} and still {@code pending}. Rows another transaction is
     * revoking are skipped, not waited for: instances running this at once each take different rows.
     */
    public Flux<AbandonedReservation> revokeAbandonedReservations(String caId, Instant reservedBefore, Instant revokedAt,
                                                                  RevocationReason reason, int limit) {
        return database.sql("update certificate set status = 'revoked', revoked_at = :revokedAt, revocation_reason = :reason"
                        + " where serial in (select serial from certificate where ca_id = :caId and status = 'pending'"
                        + " and created_at < :reservedBefore order by created_at limit :limit for update skip locked)"
                        + " returning serial, created_at")
                .bind("caId", caId)
                .bind("reservedBefore", utc(reservedBefore))
                .bind("revokedAt", utc(revokedAt))
                .bind("reason", reason.rfcName())
                .bind("limit", limit)
                .map(row -> new AbandonedReservation(new BigInteger(row.get("serial", String.class), 16),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    /** A serial reserved at {@code reservedAt} whose certificate was never delivered. */
    public record AbandonedReservation(BigInteger serial, Instant reservedAt) {
    }

    /** Every revoked certificate of {@code caId}, for a full CRL. */
    public Flux<RevokedCertificate> revoked(String caId) {
        return database.sql("select serial, revoked_at, revocation_reason, invalidity_date from certificate"
                        + " where ca_id = :caId and status = :revoked order by revoked_at, serial")
                .bind("caId", caId)
                .bind("revoked", CertificateStatusName.REVOKED.databaseName())
                .map(CertificateRecords::revokedEntry)
                .all();
    }

    /** Certificates of {@code caId} revoked at or after {@code since}, for a delta CRL. */
    public Flux<RevokedCertificate> revokedSince(String caId, Instant since) {
        return database.sql("select serial, revoked_at, revocation_reason, invalidity_date from certificate"
                        + " where ca_id = :caId and status = :revoked and revoked_at >= :since order by revoked_at, serial")
                .bind("caId", caId)
                .bind("since", utc(since))
                .bind("revoked", CertificateStatusName.REVOKED.databaseName())
                .map(CertificateRecords::revokedEntry)
                .all();
    }

    /** Serials revoked after {@code since} (by any instance), with the latest revocation time seen. */
    public Flux<RevokedCertificate> revokedAfter(Instant since) {
        return database.sql("select serial, revoked_at, revocation_reason, invalidity_date from certificate"
                        + " where status = :revoked and revoked_at > :since")
                .bind("since", utc(since))
                .bind("revoked", CertificateStatusName.REVOKED.databaseName())
                .map(CertificateRecords::revokedEntry)
                .all();
    }

    private static RevokedCertificate revokedEntry(Readable row) {
        return new RevokedCertificate(new BigInteger(row.get("serial", String.class), 16),
                row.get("revoked_at", OffsetDateTime.class).toInstant(),
                RevocationReason.fromRfcName(row.get("revocation_reason", String.class)).orElseThrow(),
                Optional.ofNullable(row.get("invalidity_date", OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    private static CertificateRecord record(Readable row) {
        return recordWithDer(row, Optional.ofNullable(row.get("der", byte[].class)));
    }

    private static CertificateRecord recordWithDer(Readable row, Optional<byte[]> der) {
        return new CertificateRecord(new BigInteger(row.get("serial", String.class), 16),
                row.get("ca_id", String.class),
                row.get("profile", String.class),
                row.get("subject", String.class),
                Optional.ofNullable(row.get("holder_id", String.class)),
                row.get("not_before", OffsetDateTime.class).toInstant(),
                row.get("not_after", OffsetDateTime.class).toInstant(),
                der,
                CertificateStatusName.ofColumn(row.get("status", String.class)),
                Optional.ofNullable(row.get("revoked_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                Optional.ofNullable(row.get("revocation_reason", String.class)).flatMap(RevocationReason::fromRfcName),
                Optional.ofNullable(row.get("invalidity_date", OffsetDateTime.class)).map(OffsetDateTime::toInstant));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
