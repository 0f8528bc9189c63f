package fr.cartesagents.ra.audit.checkpoint;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.pki.OperationalPki;
import reactor.core.publisher.Mono;

/**
 * Verifies the whole trail from the database, as {@code GET /api/v1/audit/verification} reports it.
 * The trust anchor is the issuing CA certificate this server was configured with, not a row of the
 * database it checks.
 */
@Component
public class AuditVerifications {

    private final AuditTrail trail;
    private final AuditCheckpoints checkpoints;
    private final List<X509Certificate> anchors;

    public AuditVerifications(AuditTrail trail, AuditCheckpoints checkpoints, OperationalPki pki) throws CertificateException {
        this.trail = trail;
        this.checkpoints = checkpoints;
        this.anchors = List.of(new JcaX509CertificateConverter().getCertificate(pki.issuing().certificate()));
    }

    public Mono<AuditVerification> verify() {
        return checkpoints.all().collectList().flatMap(recorded -> {
            AuditChainVerifier verifier = new AuditChainVerifier(recorded, anchors);
            return trail.events(Optional.empty()).takeWhile(verifier::accept).then(Mono.fromSupplier(verifier::finish));
        });
    }
}
