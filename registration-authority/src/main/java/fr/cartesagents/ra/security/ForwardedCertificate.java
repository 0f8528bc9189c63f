package fr.cartesagents.ra.security;

import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.authentication.BadCredentialsException;

/**
 * The user's certificate as a trusted front forwards it: the URL-encoded PEM in
 * {@code X-Client-Certificate} (nginx {@code $ssl_client_escaped_cert}). It is checked here as the
 * TLS handshake would have checked it: it must chain to one of our client-certificate issuers, be
 * within its validity, and be usable for TLS client authentication. Revocation is checked next,
 * against our records, as for a direct connection.
 */
final class ForwardedCertificate {

    static final String HEADER = "X-Client-Certificate";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    /** A certificate, its PEM armour and URL encoding fit well within this. */
    private static final int MAX_LENGTH = 16 * 1024;

    private ForwardedCertificate() {
    }

    /** @throws BadCredentialsException (never quoting the header) when it is not a usable certificate of ours */
    static X509Certificate verify(String headerValue, List<X509Certificate> issuers, Clock clock) {
        if (headerValue.length() > MAX_LENGTH) {
            throw new BadCredentialsException("The forwarded client certificate is too long");
        }
        X509Certificate certificate;
        try {
            String pem = URLDecoder.decode(headerValue, StandardCharsets.US_ASCII);
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new BadCredentialsException("The forwarded client certificate cannot be read (URL-encoded PEM expected)");
        }
        try {
            Set<TrustAnchor> anchors = issuers.stream().map(issuer -> new TrustAnchor(issuer, null)).collect(Collectors.toSet());
            PKIXParameters parameters = new PKIXParameters(anchors);
            parameters.setRevocationEnabled(false); // our own records say whether it is revoked, see CertificateStanding
            parameters.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), parameters);
        } catch (GeneralSecurityException e) {
            throw new BadCredentialsException("The forwarded client certificate is not valid for this CA");
        }
        if (!usableForClientAuthentication(certificate)) {
            throw new BadCredentialsException("The forwarded certificate is not a client authentication certificate");
        }
        return certificate;
    }

    private static boolean usableForClientAuthentication(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE]) {
            return false;
        }
        try {
            List<String> purposes = certificate.getExtendedKeyUsage();
            return purposes == null || purposes.contains(CLIENT_AUTH);
        } catch (java.security.cert.CertificateParsingException e) {
            return false;
        }
    }
}
