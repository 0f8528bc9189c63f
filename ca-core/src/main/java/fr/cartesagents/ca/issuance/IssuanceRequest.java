package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;

/**
 * A request to certify the key of a PKCS#10 request under a profile, for a subject the registration
 * authority has verified. The CA ignores the subject and extensions written in the PKCS#10 itself.
 */
public record IssuanceRequest(String profileName, byte[] csrDer, Subject subject) {

    /** Room for the PEM armour and line breaks around a DER request of the maximum size. */
    private static final int MAX_PEM_CHARS = CertificateAuthority.MAX_REQUEST_BYTES * 4 / 3 + 8 * 1024;

    public IssuanceRequest {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(csrDer, "csrDer");
        Objects.requireNonNull(subject, "subject");
        csrDer = csrDer.clone();
    }

    /**
     * @throws IssuanceRefusedException {@code REQUEST_TOO_LARGE} or {@code MALFORMED_REQUEST} when
     *                                  {@code csrPem} is not one PEM "CERTIFICATE REQUEST" block
     */
    public static IssuanceRequest fromPem(String profileName, String csrPem, Subject subject) {
        Objects.requireNonNull(csrPem, "csrPem");
        if (csrPem.length() > MAX_PEM_CHARS) {
            throw new IssuanceRefusedException(Reason.REQUEST_TOO_LARGE, "the certificate request is larger than "
                    + CertificateAuthority.MAX_REQUEST_BYTES / 1024 + " KiB");
        }
        PemObject pem;
        try (PemReader reader = new PemReader(new StringReader(csrPem))) {
            pem = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw new IssuanceRefusedException(Reason.MALFORMED_REQUEST, "the certificate request is not valid PEM");
        }
        if (pem == null || !("CERTIFICATE REQUEST".equals(pem.getType()) || "NEW CERTIFICATE REQUEST".equals(pem.getType()))) {
            throw new IssuanceRefusedException(Reason.MALFORMED_REQUEST,
                    "expected a PEM block of type CERTIFICATE REQUEST");
        }
        return new IssuanceRequest(profileName, pem.getContent(), subject);
    }

    @Override
    public byte[] csrDer() {
        return csrDer.clone();
    }

    /** Without copying: for the CA, which only reads it. */
    byte[] csrDerUnsafe() {
        return csrDer;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IssuanceRequest that && profileName.equals(that.profileName)
                && Arrays.equals(csrDer, that.csrDer) && subject.equals(that.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profileName, Arrays.hashCode(csrDer), subject);
    }

    @Override
    public String toString() {
        return "IssuanceRequest[profile=" + profileName + ", csr=" + csrDer.length + " bytes, subject=" + subject + "]";
    }
}
