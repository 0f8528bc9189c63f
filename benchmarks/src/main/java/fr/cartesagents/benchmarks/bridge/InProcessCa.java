package fr.cartesagents.benchmarks.bridge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import fr.cartesagents.benchmarks.BenchmarkPki;
import fr.cartesagents.benchmarks.TokenKind;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.CertificateIssuer;
import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The CA that certifies the card keys during a personalization benchmark: a ca-core CA in this JVM
 * (standing for the registration authority's server), the same for the bridge and the raw sequence.
 * Its key is ECDSA P-256 in a PKCS#12 file, the cheapest issuance ca-core offers, so that the card's
 * own work weighs as much as it can in the measured time.
 */
@State(Scope.Benchmark)
public class InProcessCa implements CertificateIssuer {

    static final X500Name REQUESTED_SUBJECT = new X500Name("CN=Marie-Helene DUPONT");
    private static final HolderSubject HOLDER = new HolderSubject("Marie-Hélène", "Dupont", "COMMUNE DE MOISSAC",
            new Siren("218201127"), "BENCH-CARD-0001");

    private BenchmarkPki pki;
    private CertificateAuthority authority;

    @Setup(Level.Trial)
    public void create() {
        pki = BenchmarkPki.create(TokenKind.PKCS12, KeySpec.EC_P256);
        authority = CertificateAuthority.builder().signer(pki.issuing())
                .profiles(ProfileCatalog.standard(PkiSettings.defaults())).urls(pki.issuingUrls())
                .clock(Clock.systemUTC()).random(new SecureRandom()).build();
    }

    @TearDown(Level.Trial)
    public void close() {
        pki.close();
    }

    @Override
    public List<X509CertificateHolder> issue(PKCS10CertificationRequest request, KeyRole role) {
        try {
            X509CertificateHolder certificate = authority
                    .issue(new IssuanceRequest(CertificateIssuer.profileFor(role), request.getEncoded(), HOLDER))
                    .certificate();
            return List.of(certificate, pki.issuing().certificate(), pki.root().certificate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
