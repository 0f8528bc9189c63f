package fr.cartesagents.ca.ceremony;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What an operator copies into the minutes for each certificate: subject, serial, validity and the
 * SHA-256 fingerprint, printed as {@code openssl x509 -noout -fingerprint -sha256} prints it so that
 * witnesses can compare the two.
 */
final class CertificateReport {

    private CertificateReport() {
    }

    static void print(PrintWriter out, String title, X509CertificateHolder certificate) {
        out.println(title);
        out.println("  subject:     " + certificate.getSubject());
        out.println("  issuer:      " + certificate.getIssuer());
        out.println("  serial:      " + certificate.getSerialNumber().toString(16));
        out.println("  not before:  " + certificate.getNotBefore().toInstant());
        out.println("  not after:   " + certificate.getNotAfter().toInstant());
        out.println("  SHA-256:     " + fingerprint(certificate));
    }

    static String fingerprint(X509CertificateHolder certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
