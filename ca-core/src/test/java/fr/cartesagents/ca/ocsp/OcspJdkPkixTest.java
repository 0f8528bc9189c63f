package fr.cartesagents.ca.ocsp;

import static fr.cartesagents.ca.revocation.fixture.JdkCertificates.certificate;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.SHA1;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.certificateId;
import static fr.cartesagents.ca.revocation.fixture.TestOcspRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.revocation.fixture.InMemoryStatusSource;
import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.token.KeySpec;

/** The JDK's PKIX validator, given our OCSP responses (no network), agrees with them. */
class OcspJdkPkixTest {

    private static final TestPki PKI = TestPki.create(KeySpec.RSA_2048);

    @Test
    void goodThenRevokedThroughTheJdkOcspChecker() throws Exception {
        X509CertificateHolder leaf = PKI.issueLeaf("Fanny GIRARD");
        InMemoryStatusSource statuses = new InMemoryStatusSource().set(leaf.getSerialNumber(), CertificateStatus.good());
        OcspResponder responder = new OcspResponder(PKI.ocspSigner(), PKI.issuing().certificate(), statuses,
                Clock.systemUTC(), Duration.ofHours(1));
        byte[] requestDer = request(null, certificateId(SHA1, PKI.issuing().certificate(), leaf.getSerialNumber()));

        validate(leaf, responder.respond(requestDer));

        statuses.set(leaf.getSerialNumber(), new CertificateStatus.Revoked(Instant.now().minusSeconds(60),
                RevocationReason.KEY_COMPROMISE, Optional.empty()));
        byte[] revoked = responder.respond(requestDer);
        assertThatThrownBy(() -> validate(leaf, revoked))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e ->
                        assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
    }

    private static void validate(X509CertificateHolder leaf, byte[] ocspResponse) throws Exception {
        X509Certificate leafCertificate = certificate(leaf);
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
        checker.setOcspResponses(Map.of(leafCertificate, ocspResponse));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(certificate(PKI.root().certificate()), null)));
        parameters.addCertPathChecker(checker);
        validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(leafCertificate, certificate(PKI.issuing().certificate()))), parameters);
    }
}
