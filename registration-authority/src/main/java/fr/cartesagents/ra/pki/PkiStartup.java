package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.crl.GeneratedCrl;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.security.AdministratorRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Puts the PKI on record before the server answers anyone: the CA certificates the repository
 * publishes, the certificates the ceremony issued (so that OCSP knows them and they can be
 * revoked), the demo administrator, and a first CRL of each CA whose key is here. Idempotent:
 * each start records only what is missing.
 */
@Component
class PkiStartup implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(PkiStartup.class);

    private final OperationalPki pki;
    private final CaRecords cas;
    private final CertificateRecords certificates;
    private final AdministratorRegistry administrators;
    private final CrlPublisher crls;
    private final AuditTrail audit;
    private final TransactionalOperator transactions;
    private final PkiProperties properties;
    private final CrlStore crlStore;

    PkiStartup(OperationalPki pki, CaRecords cas, CertificateRecords certificates, AdministratorRegistry administrators,
               CrlPublisher crls, AuditTrail audit, TransactionalOperator transactions, PkiProperties properties,
               CrlStore crlStore) {
        this.crlStore = crlStore;
        this.pki = pki;
        this.cas = cas;
        this.certificates = certificates;
        this.administrators = administrators;
        this.crls = crls;
        this.audit = audit;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The offline root's CRL, signed at a ceremony: kept if newer than the one on record. */
    private void publishOfflineRootCrl(Path file) {
        try {
            X509CRLHolder crl = PemFiles.readCrl(file);
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(pki.rootCertificate()))) {
                throw new IllegalStateException("cartes.pki.root.crl " + file + " is not signed by the root certificate");
            }
            BigInteger number = CRLNumber.getInstance(
                    crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
            GeneratedCrl generated = new GeneratedCrl(number, crl.getEncoded(),
                    crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(), false);
            Boolean stored = transactions.transactional(crlStore.latest(CaIds.ROOT, false)
                            .map(latest -> latest.number().compareTo(number) < 0).defaultIfEmpty(true)
                            .flatMap(newer -> newer ? crlStore.store(CaIds.ROOT, generated, Optional.empty()).thenReturn(true)
                                    : Mono.just(false)))
                    .block(Duration.ofMinutes(1));
            if (Boolean.TRUE.equals(stored)) {
                LOG.info("Published the offline root's CRL number {} from {}", number, file);
            }
        } catch (IOException | org.bouncycastle.operator.OperatorCreationException
                 | CertException | CertificateException e) {
            throw new IllegalStateException("Cannot read the offline root's CRL cartes.pki.root.crl " + file, e);
        }
    }

    @Override
    public void afterPropertiesSet() {
        Mono<Long> recorded = Flux.concat(
                        cas.insertIfAbsent(CaIds.ROOT, "root", pki.rootCertificate()),
                        cas.insertIfAbsent(CaIds.ISSUING, "issuing", pki.issuing().certificate()),
                        cas.insertIfAbsent(CaIds.OCSP, "ocsp", pki.ocspSigner().certificate()),
                        Flux.fromIterable(pki.ceremonyCertificates()).concatMap(issued -> certificates.insert(CaIds.ISSUING,
                                issued.certificate(), issued.profile(), Optional.empty(), true)))
                .reduce(0L, Long::sum);
        Mono<Void> administrator = Mono.justOrEmpty(pki.demoAdministratorFingerprint())
                .flatMap(fingerprint -> administrators.register(fingerprint, "demo administrator (admin.p12)"));
        transactions.transactional(recorded.flatMap(count -> administrator.then(count == 0 ? Mono.empty()
                        : audit.append(new AuditEntry(AuditEntry.SYSTEM, "pki.recorded", "pki",
                                Map.of("records", Long.toString(count), "issuingCa", pki.issuing().certificate().getSubject().toString()))))
                        .then()))
                .block(Duration.ofMinutes(1));
        if (pki.rootSigner().isEmpty() && properties.root().crl() != null) {
            publishOfflineRootCrl(properties.root().crl());
        }
        long floor = properties.issuing().crlNumberFloor();
        if (Boolean.TRUE.equals(crlStore.raiseNumberFloor(BigInteger.valueOf(floor)).block(Duration.ofMinutes(1)))) {
            LOG.info("CRL numbers continue above {} (cartes.pki.issuing.crl-number-floor)", floor);
        }
        for (String caId : crls.caIds()) {
            if (Boolean.TRUE.equals(crls.publishIfDue(caId, properties.crl().renewBefore()).block(Duration.ofMinutes(5)))) {
                LOG.info("Published the CRLs of {}", caId);
            }
        }
    }
}
