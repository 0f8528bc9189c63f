package fr.cartesagents.ca.issuance;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Period;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;

/**
 * A root and an issuing CA made by {@link KeyCeremony} in a PKCS#12 token under a test's temporary
 * directory, with a CA builder ready for the issuing CA.
 */
public final class TestHierarchy implements AutoCloseable {

    public static final URI BASE_URL = URI.create("http://pki.test.example");
    public static final X500Name ROOT_NAME = new X500Name("C=FR,O=Cartes Agents Test,CN=AC Racine Test");
    public static final X500Name ISSUING_NAME = new X500Name("C=FR,O=Cartes Agents Test,CN=AC Acteurs Test");

    private final Pkcs12CryptoToken token;
    private final CaSigner root;
    private final CaSigner issuing;
    private final PkiSettings settings;
    private final Clock clock;

    private TestHierarchy(Pkcs12CryptoToken token, CaSigner root, CaSigner issuing, PkiSettings settings, Clock clock) {
        this.token = token;
        this.root = root;
        this.issuing = issuing;
        this.settings = settings;
        this.clock = clock;
    }

    public static TestHierarchy create(Path directory, KeySpec caKey) {
        return create(directory, caKey, Period.ofYears(6), Clock.systemUTC());
    }

    /** The issuing CA is valid for {@code issuingValidity} from {@code clock}'s now. */
    public static TestHierarchy create(Path directory, KeySpec caKey, Period issuingValidity, Clock clock) {
        PkiSettings settings = PkiSettings.defaults();
        Pkcs12CryptoToken token = Pkcs12CryptoToken.create(directory.resolve("ca.p12"), "test-password".toCharArray());
        X509CertificateHolder rootCertificate = KeyCeremony.createRoot(token, "root", caKey, ROOT_NAME,
                Period.ofYears(12), settings, clock);
        CaSigner root = new CaSigner(rootCertificate, token, "root");
        X509CertificateHolder issuingCertificate = KeyCeremony.createIssuingCa(root, token, "issuing", caKey,
                ISSUING_NAME, issuingValidity, rootUrls(), settings, clock);
        return new TestHierarchy(token, root, new CaSigner(issuingCertificate, token, "issuing"), settings, clock);
    }

    public static IssuerUrls rootUrls() {
        return IssuerUrls.forRepository(BASE_URL, "root");
    }

    public static IssuerUrls issuingUrls() {
        return IssuerUrls.forRepository(BASE_URL, "acteurs");
    }

    public CertificateAuthority.Builder caBuilder() {
        return CertificateAuthority.builder().signer(issuing).profiles(ProfileCatalog.standard(settings))
                .urls(issuingUrls()).clock(clock);
    }

    public CertificateAuthority ca() {
        return caBuilder().build();
    }

    public Pkcs12CryptoToken token() {
        return token;
    }

    public CaSigner root() {
        return root;
    }

    public CaSigner issuing() {
        return issuing;
    }

    public PkiSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        token.close();
    }
}
