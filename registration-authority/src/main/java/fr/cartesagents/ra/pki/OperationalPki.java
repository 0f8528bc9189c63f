package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.profile.IssuerUrls;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ra.security.ServerTlsMaterial;

/**
 * The PKI this server runs, once its keys are loaded: the root (whose key is present only in the
 * demo), the issuing CA and its delegated OCSP responder, the HTTPS listener's key, and the
 * certificates the ceremony issued that must be on record (OCSP signer, TLS, administrator).
 */
public record OperationalPki(X509CertificateHolder rootCertificate,
                             Optional<CaSigner> rootSigner,
                             CaSigner issuing,
                             CaSigner ocspSigner,
                             ServerTlsMaterial tls,
                             PkiSettings settings,
                             URI publicBaseUrl,
                             List<CeremonyCertificate> ceremonyCertificates,
                             Optional<String> demoAdministratorFingerprint) implements AutoCloseable {

    /** A certificate the issuing CA signed outside the API (during the ceremony), with its profile. */
    public record CeremonyCertificate(X509CertificateHolder certificate, String profile) {
    }

    public OperationalPki {
        Objects.requireNonNull(rootCertificate, "rootCertificate");
        Objects.requireNonNull(rootSigner, "rootSigner");
        Objects.requireNonNull(issuing, "issuing");
        Objects.requireNonNull(ocspSigner, "ocspSigner");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(publicBaseUrl, "publicBaseUrl");
        ceremonyCertificates = List.copyOf(ceremonyCertificates);
        Objects.requireNonNull(demoAdministratorFingerprint, "demoAdministratorFingerprint");
    }

    /** The URLs written into certificates signed by the issuing CA. */
    public IssuerUrls issuingUrls() {
        return issuingUrlsOf(publicBaseUrl);
    }

    public static IssuerUrls issuingUrlsOf(URI publicBaseUrl) {
        return IssuerUrls.forRepository(publicBaseUrl, CaIds.ISSUING);
    }

    /** The URLs written into certificates signed by the root: no OCSP (the root is offline), no delta CRL. */
    public static IssuerUrls rootUrls(URI publicBaseUrl) {
        IssuerUrls repository = IssuerUrls.forRepository(publicBaseUrl, CaIds.ROOT);
        return new IssuerUrls(null, repository.caIssuers(), repository.crl(), null);
    }

    @Override
    public void close() {
        rootSigner.ifPresent(root -> root.token().close());
        ocspSigner.token().close();
        issuing.token().close();
    }
}
