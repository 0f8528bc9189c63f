package fr.cartesagents.ra.audit.checkpoint;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditChainer;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.pki.OperationalPki;
import reactor.core.publisher.Mono;

/**
 * Verifies the whole trail from the database, as {@code GET /api/v1/audit/verification} reports it:
 * first chains what is committed (so that the answer covers every event committed before the call),
 * then walks the chain, and reports beside it the events committed meanwhile and not chained yet.
 * The trust anchor is the issuing CA certificate this server was configured with, not a row of the
 * database it checks.
 */
@Component
public class AuditVerifications {

    private final AuditTrail trail;
    private final AuditChainer chainer;
    private final AuditCheckpoints checkpoints;
    private final Clock clock;
    private final List<X509Certificate> anchors;

    public AuditVerifications(AuditTrail trail, AuditChainer chainer, AuditCheckpoints checkpoints, Clock clock, OperationalPki pki)
            throws CertificateException {
        this.trail = trail;
        this.chainer = chainer;
        this.checkpoints = checkpoints;
        this.clock = clock;
        this.anchors = List.of(new JcaX509CertificateConverter().getCertificate(pki.issuing().certificate()));
    }

    public Mono<AuditVerification> verify() {
        return chainer.chainNow().then(checkpoints.all().collectList()).flatMap(recorded -> {
            AuditChainVerifier verifier = new AuditChainVerifier(recorded, anchors);
            return trail.chainedEvents().takeWhile(verifier::accept).then(Mono.fromSupplier(verifier::finish));
        }).flatMap(verification -> chainer.unchained().map(unchained -> verification.withUnchained(unchained, clock.instant())));
    }
}
