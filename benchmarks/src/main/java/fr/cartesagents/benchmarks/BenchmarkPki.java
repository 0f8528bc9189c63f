package fr.cartesagents.benchmarks;

import java.net.URI;
import java.time.Period;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The hierarchy a benchmark runs against, made by the same key ceremony as production: a root in a
 * PKCS#12 file and an issuing CA whose key lives in the token under measurement.
 */
public record BenchmarkPki(CaSigner root, CaSigner issuing, IssuerUrls issuingUrls) {

    static final URI REPOSITORY = URI.create("http://pki.bench.invalid");

    public static BenchmarkPki create(TokenKind issuingToken, KeySpec issuingKey) {
        PkiSettings settings = PkiSettings.defaults();
        CryptoToken rootToken = TokenKind.PKCS12.newToken();
        X509CertificateHolder rootCertificate = KeyCeremony.createRoot(rootToken, "root", KeySpec.RSA_3072,
                new X500Name("C=FR,O=Cartes Agents,CN=AC Racine banc d'essai"), Period.ofYears(12), settings);
        CaSigner root = new CaSigner(rootCertificate, rootToken, "root");

        CryptoToken token = issuingToken.newToken();
        X509CertificateHolder issuingCertificate = KeyCeremony.createIssuingCa(root, token, "issuing", issuingKey,
                new X500Name("C=FR,O=Cartes Agents,CN=AC Acteurs banc d'essai"), Period.ofYears(6),
                IssuerUrls.forRepository(REPOSITORY, "root"), settings);
        return new BenchmarkPki(root, new CaSigner(issuingCertificate, token, "issuing"),
                IssuerUrls.forRepository(REPOSITORY, "act"));
    }

    public void close() {
        root.token().close();
        issuing.token().close();
    }
}
