package fr.cartesagents.ra.order;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.IssuedCertificate;
import fr.cartesagents.ca.issuance.PreparedCertificate;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.certificate.CaIds;
import fr.cartesagents.ra.certificate.CertificateEvent;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.certificate.CertificateService;
import fr.cartesagents.ra.certificate.SerialHex;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issues the authentication and the signature certificate of a card as a pair, both or neither.
 * Phase 1 ({@link #reserveAndSign}, outside the recording transaction): both requests are checked
 * (proof of possession, key strength, distinct keys, profile and lint: every refusal happens here
 * and stores nothing), both serials are reserved in ONE transaction of their own, then the CA key
 * signs both. Phase 2 ({@link #record}, in the personalization's transaction): both signed
 * certificates are stored with their audit events, with the card and the order's move. If anything
 * fails between the phases (a crash, the database gone), both serials stay {@code pending}: no
 * certificate of the pair was handed out, and a pending serial can still be revoked.
 */
@Component
class CertificatePairIssuance implements CertificatePairs {

    private static final Logger LOG = LoggerFactory.getLogger(CertificatePairIssuance.class);

    private final CertificateAuthority holderCa;
    private final CertificateRecords records;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final OrderRepository orders;

    CertificatePairIssuance(CertificateAuthority holderCa, CertificateRecords records, AuditTrail audit,
                            TransactionalOperator transactions, OrderRepository orders) {
        this.holderCa = holderCa;
        this.records = records;
        this.audit = audit;
        this.transactions = transactions;
        this.orders = orders;
    }

    @Override
    public Mono<SignedCertificatePair> reserveAndSign(Actor actor, UUID personId, UUID collectivityId, String authenticationCsr,
                                                      String signatureCsr, Instant cardExpiresAt) {
        return orders.holder(personId, collectivityId)
                .switchIfEmpty(Mono.error(() -> ProblemException.localized(ProblemType.PERSON_NOT_FOUND, "directory.person-not-found",
                        personId.toString())))
                .flatMap(holder -> holder.departed()
                        ? Mono.error(ProblemException.localized(ProblemType.RULE_VIOLATED, "certificate-pair.holder-departed"))
                        : reserveAndSign(actor, collectivityId, holder.subject(), authenticationCsr, signatureCsr, cardExpiresAt));
    }

    @Override
    public Mono<Void> record(Actor actor, SignedCertificatePair pair) {
        return store(actor, pair.collectivityId(), pair.holder(), pair.authentication())
                .then(store(actor, pair.collectivityId(), pair.holder(), pair.signature()));
    }

    /**
     * Phase 1: check both requests, reserve both serials in one committed transaction, sign both,
     * neither ending after {@code cardExpiresAt}. Call outside any transaction.
     */
    Mono<SignedCertificatePair> reserveAndSign(Actor actor, UUID collectivityId, HolderSubject holder, String authenticationCsr,
                                    String signatureCsr, Instant cardExpiresAt) {
        return Mono.fromCallable(() -> {
                    IssuanceRequest authentication = IssuanceRequest.fromPem(ProfileCatalog.AUTHENTICATION, authenticationCsr, holder)
                            .endingNoLaterThan(cardExpiresAt);
                    IssuanceRequest signature = IssuanceRequest.fromPem(ProfileCatalog.SIGNATURE, signatureCsr, holder)
                            .endingNoLaterThan(cardExpiresAt);
                    List<PreparedCertificate> prepared = List.of(holderCa.prepare(authentication), holderCa.prepare(signature));
                    if (Arrays.equals(publicKeyOf(authentication), publicKeyOf(signature))) {
                        throw ProblemException.localized(ProblemType.ISSUANCE_REFUSED, "personalization.same-key");
                    }
                    return prepared;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(IssuanceRefusedException.class, CertificateService::refused)
                .flatMap(prepared -> transactions.transactional(reserve(actor, collectivityId, holder, prepared.get(0))
                                .then(reserve(actor, collectivityId, holder, prepared.get(1))))
                        .then(Mono.fromCallable(() -> new SignedCertificatePair(collectivityId, holder, holderCa.sign(prepared.get(0)),
                                        holderCa.sign(prepared.get(1))))
                                .subscribeOn(Schedulers.boundedElastic())
                                .onErrorMap(e -> !(e instanceof ProblemException), e -> signingFailed(prepared, e))));
    }

    private Mono<Void> reserve(Actor actor, UUID collectivityId, HolderSubject holder, PreparedCertificate prepared) {
        return records.reserve(CaIds.ISSUING, prepared, Optional.of(holder.holderId()))
                .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), CertificateEvent.RESERVED,
                        CertificateEvent.target(prepared.serial()),
                        Map.of("profile", prepared.profileName(), "subject", prepared.subject().toString(),
                                "holderId", holder.holderId(), "notAfter", prepared.notAfter().toString()))))
                .then();
    }

    private Mono<Void> store(Actor actor, UUID collectivityId, HolderSubject holder, IssuedCertificate issued) {
        return records.storeSigned(issued.certificate())
                .flatMap(updated -> updated == 1 ? Mono.just(updated) : Mono.error(new IllegalStateException(
                        "certificate " + issued.serialHex() + " was signed but its serial is not reserved any more")))
                .then(audit.append(AuditEntry.by(actor, Optional.of(collectivityId), CertificateEvent.ISSUED,
                        CertificateEvent.target(issued.serial()),
                        Map.of("profile", issued.profileName(), "subject", issued.certificate().getSubject().toString(),
                                "holderId", holder.holderId(), "notAfter", issued.notAfter().toString()))))
                .then();
    }

    private static byte[] publicKeyOf(IssuanceRequest request) {
        try {
            return new org.bouncycastle.pkcs.PKCS10CertificationRequest(request.csrDer()).getSubjectPublicKeyInfo().getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a request the CA accepted cannot be read again", e);
        }
    }

    private static ProblemException signingFailed(List<PreparedCertificate> prepared, Throwable cause) {
        List<String> serials = prepared.stream().map(p -> SerialHex.toHex(p.serial())).toList();
        LOG.error("Signing the certificate pair {} failed; both serials stay reserved (pending) and can be revoked", serials, cause);
        return ProblemException.localized(ProblemType.ISSUANCE_FAILED, Map.of("serials", serials), "personalization.signing-failed",
                String.join(", ", serials));
    }
}
