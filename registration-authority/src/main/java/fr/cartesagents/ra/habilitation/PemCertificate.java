package fr.cartesagents.ra.habilitation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** One X.509 certificate given in PEM by a client; anything else is a 400. */
final class PemCertificate {

    private PemCertificate() {
    }

    static X509Certificate parse(String pem) {
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.size() == 1 && certificates.iterator().next() instanceof X509Certificate certificate) {
                return certificate;
            }
        } catch (CertificateException | RuntimeException e) {
            // reported below, without echoing what the client sent
        }
        throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.certificate-unreadable");
    }
}
