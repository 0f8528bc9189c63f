package fr.cartesagents.ca.hierarchy;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Period;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.issuance.ServerSubject;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The steps of a key ceremony, used by the operators' CLI and the server's demo ceremony. Each CA
 * key is generated inside its token (it never leaves it) and certified through the same issuance
 * path and pre-issuance lint as any holder certificate, under the profiles of {@link ProfileCatalog}
 * with the lifetime the ceremony chooses.
 */
public final class KeyCeremony {

    private KeyCeremony() {
    }

    /** Generates the root key under {@code alias} in {@code token} and self-signs its certificate. */
    public static X509CertificateHolder createRoot(CryptoToken token, String alias, KeySpec keySpec, X500Name name,
                                                   Period validity, PkiSettings settings) {
        return createRoot(token, alias, keySpec, name, validity, settings, Clock.systemUTC());
    }

    public static X509CertificateHolder createRoot(CryptoToken token, String alias, KeySpec keySpec, X500Name name,
                                                   Period validity, PkiSettings settings, Clock clock) {
        CertificateProfile profile = profile(settings, ProfileCatalog.ROOT_CA, validity);
        DistinguishedName subject = new DistinguishedName(name);
        subject.toX500Name(); // refuses a bad name before a key is generated for it
        token.generateKeyPair(alias, keySpec);
        return CertificateAuthority.selfSign(token, alias, subject, profile, clock, new SecureRandom()).certificate();
    }

    /**
     * Generates the issuing CA key under {@code alias} in {@code token} and has the root sign its
     * certificate (pathLen 0, the holder policies, the root's CRL and caIssuers URLs).
     */
    public static X509CertificateHolder createIssuingCa(CaSigner root, CryptoToken token, String alias, KeySpec keySpec,
                                                        X500Name name, Period validity, IssuerUrls rootUrls,
                                                        PkiSettings settings) {
        return createIssuingCa(root, token, alias, keySpec, name, validity, rootUrls, settings, Clock.systemUTC());
    }

    public static X509CertificateHolder createIssuingCa(CaSigner root, CryptoToken token, String alias, KeySpec keySpec,
                                                        X500Name name, Period validity, IssuerUrls rootUrls,
                                                        PkiSettings settings, Clock clock) {
        Objects.requireNonNull(rootUrls, "rootUrls");
        CertificateProfile profile = profile(settings, ProfileCatalog.ISSUING_CA, validity);
        return certifyNewKey(root, profile, rootUrls, token, alias, keySpec, name, clock);
    }

    /** Generates the delegated OCSP responder's key and has the issuing CA sign its certificate. */
    public static X509CertificateHolder createOcspSigner(CaSigner issuing, CryptoToken token, String alias,
                                                         KeySpec keySpec, X500Name name, Period validity,
                                                         PkiSettings settings) {
        return createOcspSigner(issuing, token, alias, keySpec, name, validity, settings, Clock.systemUTC());
    }

    public static X509CertificateHolder createOcspSigner(CaSigner issuing, CryptoToken token, String alias,
                                                         KeySpec keySpec, X500Name name, Period validity,
                                                         PkiSettings settings, Clock clock) {
        CertificateProfile profile = profile(settings, ProfileCatalog.OCSP_SIGNER, validity);
        return certifyNewKey(issuing, profile, null, token, alias, keySpec, name, clock);
    }

    /**
     * A TLS server certificate for a key the server made itself. {@code dnsNames} may also hold IP
     * literals ("127.0.0.1"), which become iPAddress entries of the subjectAltName.
     */
    public static X509CertificateHolder issueTlsServer(CaSigner issuing, PublicKey publicKey, List<String> dnsNames,
                                                       Period validity, IssuerUrls urls) {
        return issueTlsServer(issuing, publicKey, dnsNames, validity, urls, Clock.systemUTC());
    }

    public static X509CertificateHolder issueTlsServer(CaSigner issuing, PublicKey publicKey, List<String> dnsNames,
                                                       Period validity, IssuerUrls urls, Clock clock) {
        CertificateProfile profile = profile(PkiSettings.defaults(), ProfileCatalog.TLS_SERVER, validity);
        CertificateAuthority ca = CertificateAuthority.builder().signer(issuing).profiles(ProfileCatalog.of(profile))
                .urls(urls).clock(clock).build();
        return ca.issueForTrustedKey(profile.name(), SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()),
                new ServerSubject(dnsNames)).certificate();
    }

    private static X509CertificateHolder certifyNewKey(CaSigner issuer, CertificateProfile profile, IssuerUrls urls,
                                                       CryptoToken token, String alias, KeySpec keySpec, X500Name name,
                                                       Clock clock) {
        CertificateAuthority ca = CertificateAuthority.builder().signer(issuer).profiles(ProfileCatalog.of(profile))
                .urls(urls).clock(clock).build();
        DistinguishedName subject = new DistinguishedName(name);
        subject.toX500Name(); // refuses a bad name before a key is generated for it
        PublicKey publicKey = token.generateKeyPair(alias, keySpec);
        return ca.issueForTrustedKey(profile.name(), SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()), subject)
                .certificate();
    }

    private static CertificateProfile profile(PkiSettings settings, String name, Period validity) {
        Objects.requireNonNull(validity, "validity");
        return ProfileCatalog.standard(settings).byName(name).withValidity(validity);
    }
}
