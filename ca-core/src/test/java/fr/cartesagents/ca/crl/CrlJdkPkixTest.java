package fr.cartesagents.ca.crl;

import static fr.cartesagents.ca.revocation.fixture.JdkCertificates.certificate;
import static fr.cartesagents.ca.revocation.fixture.JdkCertificates.crl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.revocation.fixture.TestPki;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ca.token.KeySpec;

/** The JDK's own PKIX validator, with CRL checking, agrees with our CRLs. */
class CrlJdkPkixTest {

    private static final TestPki PKI = TestPki.create(KeySpec.EC_P384);

    @Test
    void revokedHolderIsRefusedAndGoodHolderAccepted() throws Exception {
        X509CertificateHolder revoked = PKI.issueLeaf("Claire PETIT");
        X509CertificateHolder good = PKI.issueLeaf("Denis ROUX");
        GeneratedCrl issuingCrl = new CrlGenerator(PKI.issuing(), CrlSettings.defaults(), Clock.systemUTC())
                .full(BigInteger.ONE, List.of(new RevokedCertificate(revoked.getSerialNumber(), Instant.now().minusSeconds(10),
                        RevocationReason.KEY_COMPROMISE, Optional.empty())).iterator(), Optional.empty());
        GeneratedCrl rootCrl = new CrlGenerator(PKI.root(), CrlSettings.defaults(), Clock.systemUTC())
                .full(BigInteger.ONE, Collections.emptyIterator(), Optional.empty());

        assertThatThrownBy(() -> validate(revoked, issuingCrl, rootCrl))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e -> {
                    assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED);
                    assertThat(e.getIndex()).isZero();
                });
        validate(good, issuingCrl, rootCrl);
    }

    @Test
    void withoutACrlTheJdkCannotDecide() {
        X509CertificateHolder good = PKI.issueLeaf("Emma BLANC");
        GeneratedCrl rootCrl = new CrlGenerator(PKI.root(), CrlSettings.defaults(), Clock.systemUTC())
                .full(BigInteger.TWO, Collections.emptyIterator(), Optional.empty());

        // proves that the successful validation above really consulted our issuing CA's CRL
        assertThatThrownBy(() -> validate(good, rootCrl))
                .isInstanceOfSatisfying(CertPathValidatorException.class, e ->
                        assertThat(e.getReason()).isEqualTo(CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS));
    }

    private static void validate(X509CertificateHolder leaf, GeneratedCrl... crls) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(certificate(PKI.root().certificate()), null)));
        parameters.setRevocationEnabled(true);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(
                java.util.Arrays.stream(crls).map(c -> crl(c.der())).toList())));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(
                List.of(certificate(leaf), certificate(PKI.issuing().certificate()))), parameters);
    }
}
