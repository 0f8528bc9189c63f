package fr.cartesagents.ca.profile;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where relying parties find the issuer's status and certificate: written into the AIA and CRL
 * distribution point extensions of the certificates it signs.
 *
 * @param ocsp      the OCSP responder; {@code null} for an issuer nobody answers OCSP for (the offline root)
 * @param caIssuers the issuer's certificate (DER)
 * @param crl       the issuer's full CRL (DER)
 * @param deltaCrl  the issuer's delta CRL; {@code null} when none is published
 */
public record IssuerUrls(URI ocsp, URI caIssuers, URI crl, URI deltaCrl) {

    private static final Pattern CA_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    public IssuerUrls {
        Objects.requireNonNull(caIssuers, "caIssuers");
        Objects.requireNonNull(crl, "crl");
        for (URI uri : new URI[] {ocsp, caIssuers, crl, deltaCrl}) {
            if (uri != null && !(uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())))) {
                // RFC 5280 4.2.2.1 / 4.2.1.13: relying parties fetch these over HTTP; a relative URI is useless.
                throw new IllegalArgumentException("issuer URLs must be absolute http(s) URIs, got " + uri);
            }
        }
    }

    /**
     * The URLs of the PKI repository the server publishes: {@code {base}/pki/ocsp},
     * {@code {base}/pki/ca/{caId}.crt}, {@code {base}/pki/crl/{caId}.crl}, {@code {base}/pki/crl/{caId}/delta.crl}.
     */
    public static IssuerUrls forRepository(URI baseUrl, String caId) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (caId == null || !CA_ID.matcher(caId).matches()) {
            throw new IllegalArgumentException("a CA id is letters, digits, '-' and '_', got " + caId);
        }
        String base = baseUrl.toString().replaceAll("/+$", "");
        return new IssuerUrls(URI.create(base + "/pki/ocsp"),
                URI.create(base + "/pki/ca/" + caId + ".crt"),
                URI.create(base + "/pki/crl/" + caId + ".crl"),
                URI.create(base + "/pki/crl/" + caId + "/delta.crl"));
    }

    public Optional<URI> ocspUrl() {
        return Optional.ofNullable(ocsp);
    }

    public Optional<URI> deltaCrlUrl() {
        return Optional.ofNullable(deltaCrl);
    }
}
