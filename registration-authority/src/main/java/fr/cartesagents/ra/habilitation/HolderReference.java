package fr.cartesagents.ra.habilitation;

import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import fr.cartesagents.ra.certificate.SerialHex;
import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;
import fr.cartesagents.ra.security.CertificateFingerprint;

/**
 * The certificate a check is about: its issuer and serial, and when it was given whole, the
 * fingerprint of its DER (then it must be the very certificate we issued, not one that merely
 * claims the same issuer and serial).
 */
record HolderReference(X500Principal issuer, BigInteger serial, Optional<String> fingerprintSha256) {

    static HolderReference of(HabilitationCheckRequest request) {
        boolean whole = present(request.certificate());
        boolean byName = present(request.issuer()) || present(request.serial());
        if (whole == byName || (byName && !(present(request.issuer()) && present(request.serial())))) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.holder-missing");
        }
        return whole ? fromPem(request.certificate()) : fromIssuerAndSerial(request.issuer(), request.serial());
    }

    String serialHex() {
        return SerialHex.toHex(serial);
    }

    String issuerName() {
        return issuer.getName(X500Principal.RFC2253);
    }

    private static HolderReference fromPem(String pem) {
        X509Certificate certificate = PemCertificate.parse(pem);
        try {
            return new HolderReference(certificate.getIssuerX500Principal(), certificate.getSerialNumber(),
                    Optional.of(CertificateFingerprint.sha256(certificate.getEncoded())));
        } catch (CertificateEncodingException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.certificate-unreadable");
        }
    }

    private static HolderReference fromIssuerAndSerial(String issuer, String serial) {
        X500Principal principal;
        try {
            principal = new X500Principal(issuer);
        } catch (IllegalArgumentException e) {
            throw ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.issuer-unreadable");
        }
        BigInteger number = SerialHex.parseHex(serial.strip().replaceFirst("^0[xX]", ""))
                .filter(n -> n.bitLength() <= 160)
                .orElseThrow(() -> ProblemException.localized(ProblemType.VALIDATION_FAILED, "habilitation-check.serial-malformed"));
        return new HolderReference(principal, number, Optional.empty());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
