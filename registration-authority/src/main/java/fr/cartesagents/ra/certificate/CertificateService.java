package fr.cartesagents.ra.certificate;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.IssuedCertificate;
import fr.cartesagents.ca.issuance.PreparedCertificate;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.security.CallerPrincipal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issuance and revocation of holder certificates. Each change is stored with its audit event in
 * one transaction (the caller's, typically opened by the idempotency layer), except an issuance's
 * reservation, which commits on its own before the CA key signs; a revocation also
 * publishes new CRLs in it; the caller drops the pre-produced OCSP response once committed
 * ({@link #revocationCommitted}).
 */
@Service
public class CertificateService {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateService.class);

    /** Reasons an administrator may give: not the delta-only removeFromCRL, nor a hold we could not release. */
    private static final Set<RevocationReason> ALLOWED_REASONS = EnumSet.complementOf(
            EnumSet.of(RevocationReason.REMOVE_FROM_CRL, RevocationReason.CERTIFICATE_HOLD));

    private final CertificateAuthority holderCa;
    private final CertificateRecords records;
    private final AuditTrail audit;
    private final List<RevocationListener> revocationListeners;
    private final CertificateMetrics metrics;
    private final TransactionalOperator transactions;
    private final Clock clock;

    public CertificateService(CertificateAuthority holderCa, CertificateRecords records, AuditTrail audit,
                              List<RevocationListener> revocationListeners, CertificateMetrics metrics,
                              TransactionalOperator transactions, Clock clock) {
        this.metrics = metrics;
        this.holderCa = holderCa;
        this.records = records;
        this.audit = audit;
        this.revocationListeners = List.copyOf(revocationListeners);
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The part of an issuance that must happen before, and outside, the transaction that records it:
     * checks the request (a refusal stores nothing), reserves the serial in a transaction of its own
     * with a "certificate.reserved" audit event, and only then has the CA key sign (on a thread that
     * may block on the HSM). Once the reservation is committed, no signed certificate can be unknown
     * to the records: if signing or {@link #recordIssued} fails, the serial stays {@code pending} and
     * can be revoked. Call it outside any transaction, or the reservation would not commit first.
     */
    public Mono<IssuedCertificate> reserveAndSign(CallerPrincipal caller, IssueCertificateRequest request) {
        IssuanceRequest issuance = toIssuanceRequest(request);
        String holderId = request.subject().holderId();
        return Mono.fromCallable(() -> holderCa.prepare(issuance))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IssuanceRefusedException.class, CertificateService::refused)
                .flatMap(prepared -> transactions.transactional(
                                records.reserve(CaIds.ISSUING, prepared, Optional.of(holderId))
                                        .then(audit.append(reservedEvent(caller, prepared, holderId))))
                        .then(Mono.fromCallable(() -> holderCa.sign(prepared))
                                .subscribeOn(Schedulers.boundedElastic())
                                .onErrorMap(e -> !(e instanceof ProblemException), e -> signingFailed(prepared, e))));
    }

    /**
     * Stores the signed certificate of a reserved serial with its "certificate.issued" audit event; joins the
     * caller's transaction. The update returns the stored record, so that it is not read again.
     */
    public Mono<CertificateRecord> recordIssued(CallerPrincipal caller, IssuedCertificate issued, IssueCertificateRequest request) {
        return records.storeSignedAndRead(issued.certificate())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "certificate " + issued.serialHex() + " was signed but its serial is not reserved any more")))
                .flatMap(recorded -> audit.append(issuedEvent(caller, issued, request)).thenReturn(recorded))
                .doOnSuccess(recorded -> metrics.issued());
    }

    public Mono<CertificateRecord> revoke(CallerPrincipal caller, String serialText, RevocationRequest request) {
        BigInteger serial = serial(serialText);
        RevocationReason reason = reason(request);
        Optional<Instant> invalidityDate = invalidityDate(request);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return transactions.transactional(records.find(serial)
                        .switchIfEmpty(Mono.error(() -> notFound(serialText)))
                        .flatMap(record -> CertificateStatusName.LIFECYCLE.allows(CertificateStatusName.Action.REVOKE, record.status())
                                ? records.markRevoked(serial, now, reason, invalidityDate)
                                : Mono.error(alreadyRevoked(record)))
                        .flatMap(updated -> updated == 0
                                ? records.find(serial).flatMap(record -> Mono.<CertificateRecord>error(alreadyRevoked(record)))
                                : audit.append(new AuditEntry(caller.auditName(), CertificateEvent.REVOKED.auditName(),
                                        CertificateEvent.target(serial).toString(), revocationDetails(reason, invalidityDate)))
                                        .thenMany(reactor.core.publisher.Flux.fromIterable(revocationListeners))
                                        .concatMap(listener -> listener.revoked(CaIds.ISSUING, serial))
                                        .then(records.find(serial))));
    }

    /**
     * Revokes several certificates at once for one reason (the two certificates of a card), in the
     * caller's transaction: each gets its "certificate.revoked" event, the listeners publish one CRL
     * for all of them, and once the transaction has committed this instance drops their
     * pre-produced OCSP responses (other instances see it through the RevocationWatcher). A serial
     * already revoked is left as it is (its first revocation stands); the records after the change.
     */
    public Mono<List<CertificateRecord>> revokeTogether(Actor actor, Optional<UUID> collectivity, List<String> serialsHex,
                                                        RevocationReason reason) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<BigInteger> serials = serialsHex.stream().map(CertificateService::serial).toList();
        // Each serial is marked and audited on its own; the listeners then publish once for all of them
        // (one CRL per card revocation, not one per certificate).
        return Flux.fromIterable(serials)
                .concatMap(serial -> records.markRevoked(serial, now, reason, Optional.empty())
                        .flatMap(updated -> updated == 0 ? Mono.<BigInteger>empty()
                                : audit.append(AuditEntry.by(actor, collectivity, CertificateEvent.REVOKED.auditName(),
                                        CertificateEvent.target(serial).toString(), revocationDetails(reason, Optional.empty())))
                                        .thenReturn(serial)))
                .collectList()
                .flatMap(revoked -> Flux.fromIterable(revocationListeners)
                        .concatMap(listener -> listener.revokedAll(CaIds.ISSUING, revoked))
                        .then())
                .then(afterCommit(serials))
                .thenMany(Flux.fromIterable(serials).concatMap(records::find))
                .collectList();
    }

    /** Tells the listeners once the caller's transaction has committed (never inside it). */
    private Mono<Void> afterCommit(List<BigInteger> serials) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .doOnNext(transaction -> transaction.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public Mono<Void> afterCommit() {
                        return Mono.fromRunnable(() -> serials.forEach(serial ->
                                revocationListeners.forEach(listener -> listener.committed(serial))));
                    }
                }))
                .then();
    }

    /**
     * Tells the listeners (this instance's pre-produced OCSP responses) that {@code serialText} is
     * revoked. Call it only once the revocation's transaction has committed: dropped earlier, a
     * concurrent request could read the old status and keep a "good" response again. Other
     * instances learn of it from the RevocationWatcher.
     */
    public void revocationCommitted(String serialText) {
        BigInteger serial = serial(serialText);
        revocationListeners.forEach(listener -> listener.committed(serial));
        metrics.revoked(CertificateMetrics.BY_REQUEST);
    }

    public Mono<CertificateRecord> find(String serialText) {
        return records.find(serial(serialText)).switchIfEmpty(Mono.error(() -> notFound(serialText)));
    }

    /** Package-private for JsonBodyFuzzTest: it turns fuzzed bodies into requests as the API does. */
    static IssuanceRequest toIssuanceRequest(IssueCertificateRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.profile() == null) {
            missing.add("profile");
        }
        if (request.csr() == null) {
            missing.add("csr");
        }
        IssueCertificateRequest.HolderRequest holder = request.subject();
        if (holder == null) {
            missing.add("subject");
        } else {
            for (Map.Entry<String, String> field : Map.of("subject.givenName", nullToEmpty(holder.givenName()),
                    "subject.surname", nullToEmpty(holder.surname()), "subject.organization", nullToEmpty(holder.organization()),
                    "subject.siren", nullToEmpty(holder.siren()), "subject.holderId", nullToEmpty(holder.holderId())).entrySet()) {
                if (field.getValue().isBlank()) {
                    missing.add(field.getKey());
                }
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "certificate.missing-fields",
                    String.join(", ", missing.stream().sorted().toList()));
        }
        Siren siren;
        try {
            siren = new Siren(holder.siren());
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.ISSUANCE_REFUSED,
                    Map.of("reason", IssuanceRefusedException.Reason.INVALID_SUBJECT.name()), "certificate.siren-invalid");
        }
        HolderSubject subject = new HolderSubject(holder.givenName(), holder.surname(), holder.organization(), siren,
                holder.holderId());
        try {
            return IssuanceRequest.fromPem(request.profile(), request.csr(), subject);
        } catch (IssuanceRefusedException e) {
            throw refused(e);
        }
    }

    /** An issuance refusal as a problem: its reason is a member of the document. */
    public static ProblemException refused(IssuanceRefusedException e) {
        ProblemType type = switch (e.reason()) {
            case REQUEST_TOO_LARGE -> ProblemType.REQUEST_TOO_LARGE;
            case MALFORMED_REQUEST -> ProblemType.MALFORMED_CERTIFICATE_REQUEST;
            case LINT_FAILED, ISSUER_NOT_VALID -> ProblemType.ISSUANCE_FAILED;
            default -> ProblemType.ISSUANCE_REFUSED;
        };
        return new ProblemException(type, e.getMessage(), Map.of("reason", e.reason().name()), e);
    }

    private static AuditEntry reservedEvent(CallerPrincipal caller, PreparedCertificate prepared, String holderId) {
        return new AuditEntry(caller.auditName(), CertificateEvent.RESERVED.auditName(), CertificateEvent.target(prepared.serial()).toString(),
                Map.of("profile", prepared.profileName(), "subject", prepared.subject().toString(), "holderId", holderId,
                        "notAfter", prepared.notAfter().toString()));
    }

    private static ProblemException signingFailed(PreparedCertificate prepared, Throwable cause) {
        String serial = SerialHex.toHex(prepared.serial());
        LOG.error("Signing certificate {} failed; its serial stays reserved (pending) and can be revoked", serial, cause);
        return ProblemException.localized(ProblemType.ISSUANCE_FAILED, Map.of("serial", serial), "certificate.signing-failed", serial);
    }

    private static AuditEntry issuedEvent(CallerPrincipal caller, IssuedCertificate issued, IssueCertificateRequest request) {
        return new AuditEntry(caller.auditName(), CertificateEvent.ISSUED.auditName(), CertificateEvent.target(issued.serial()).toString(),
                Map.of("profile", issued.profileName(), "subject", issued.certificate().getSubject().toString(),
                        "holderId", request.subject().holderId(), "notAfter", issued.notAfter().toString()));
    }

    private static Map<String, String> revocationDetails(RevocationReason reason, Optional<Instant> invalidityDate) {
        return invalidityDate.map(date -> Map.of("reason", reason.rfcName(), "invalidityDate", date.toString()))
                .orElse(Map.of("reason", reason.rfcName()));
    }

    private static BigInteger serial(String text) {
        return SerialHex.parseHex(text).orElseThrow(() -> ProblemException.localized(ProblemType.CERTIFICATE_NOT_FOUND,
                "certificate.serial-malformed", text));
    }

    private static RevocationReason reason(RevocationRequest request) {
        if (request == null || request.reason() == null) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "certificate.reason-missing");
        }
        return RevocationReason.fromRfcName(request.reason()).filter(ALLOWED_REASONS::contains)
                .orElseThrow(() -> ProblemException.localized(ProblemType.BAD_REQUEST, "certificate.reason-unknown", request.reason(),
                        ALLOWED_REASONS.stream().map(RevocationReason::rfcName).toList().toString()));
    }

    private static Optional<Instant> invalidityDate(RevocationRequest request) {
        if (request.invalidityDate() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(request.invalidityDate()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            throw ProblemException.localized(ProblemType.BAD_REQUEST, "certificate.invalidity-date");
        }
    }

    private static ProblemException notFound(String serial) {
        return ProblemException.localized(ProblemType.CERTIFICATE_NOT_FOUND, "certificate.not-found", serial);
    }

    private static ProblemException alreadyRevoked(CertificateRecord record) {
        return ProblemException.localized(ProblemType.ALREADY_REVOKED, "certificate.already-revoked", record.serialHex(),
                record.revokedAt().map(Object::toString).orElse("?"), record.revocationReason().map(RevocationReason::rfcName).orElse("?"));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
