package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import fr.cartesagents.ca.issuance.IssuanceRefusedException.Reason;

/**
 * A request to certify the key of a PKCS#10 request under a profile, for a subject the registration
 * authority has verified. The CA ignores the subject and extensions written in the PKCS#10 itself.
 *
 * <p>{@code latestNotAfter}, when present, is an end the certificate must not outlive although its
 * profile would allow more: the end of the card that holds the key (a renewal late in a card's life).
 * The CA still picks the validity; this only lowers it, as the issuer's own end does.
 */
public record IssuanceRequest(String profileName, byte[] csrDer, Subject subject, Optional<Instant> latestNotAfter) {

    /** Room for the PEM armour and line breaks around a DER request of the maximum size. */
    private static final int MAX_PEM_CHARS = CertificateAuthority.MAX_REQUEST_BYTES * 4 / 3 + 8 * 1024;

    public IssuanceRequest {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(csrDer, "csrDer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(latestNotAfter, "latestNotAfter");
        csrDer = csrDer.clone();
    }

    /** A request whose certificate lasts what its profile and its issuer allow. */
    public IssuanceRequest(String profileName, byte[] csrDer, Subject subject) {
        this(profileName, csrDer, subject, Optional.empty());
    }

    /** The same request, for a certificate that must end no later than {@code latest} (the end of the card that holds the key). */
    public IssuanceRequest endingNoLaterThan(Instant latest) {
        Objects.requireNonNull(latest, "latest");
        return new IssuanceRequest(profileName, csrDer, subject, Optional.of(latest));
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
                && Arrays.equals(csrDer, that.csrDer) && subject.equals(that.subject) && latestNotAfter.equals(that.latestNotAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profileName, Arrays.hashCode(csrDer), subject, latestNotAfter);
    }

    @Override
    public String toString() {
        return "IssuanceRequest[profile=" + profileName + ", csr=" + csrDer.length + " bytes, subject=" + subject
                + latestNotAfter.map(latest -> ", latestNotAfter=" + latest).orElse("") + "]";
    }
}
