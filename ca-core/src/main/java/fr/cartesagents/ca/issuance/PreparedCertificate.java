package fr.cartesagents.ca.issuance;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import org.bouncycastle.asn1.x500.X500Name;

/**
 * A certificate that passed every check and the pre-issuance lint but is not signed yet: its serial
 * and validity can be recorded before the CA key signs (so that no signed certificate can exist
 * that the records do not know). Immutable.
 *
 * <p>A class rather than a record so that only {@link CertificateAuthority#prepare} can make one:
 * {@link CertificateAuthority#sign} must never sign a TBSCertificate that skipped the checks.
 */
public final class PreparedCertificate {

    private final BigInteger serial;
    private final String profileName;
    private final X500Name subject;
    private final Instant notBefore;
    private final Instant notAfter;
    private final byte[] tbsDer;
    private final Object preparedBy;

    PreparedCertificate(BigInteger serial, String profileName, X500Name subject, Instant notBefore, Instant notAfter,
                        byte[] tbsDer, Object preparedBy) {
        this.serial = Objects.requireNonNull(serial, "serial");
        this.profileName = Objects.requireNonNull(profileName, "profileName");
        this.subject = Objects.requireNonNull(subject, "subject");
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
        this.tbsDer = tbsDer.clone();
        this.preparedBy = Objects.requireNonNull(preparedBy, "preparedBy");
    }

    public BigInteger serial() {
        return serial;
    }

    public String profileName() {
        return profileName;
    }

    public X500Name subject() {
        return subject;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Instant notAfter() {
        return notAfter;
    }

    /** The linted TBSCertificate, exactly the bytes the CA key will sign. */
    public byte[] tbsDer() {
        return tbsDer.clone();
    }

    byte[] tbsDerUnsafe() {
        return tbsDer;
    }

    boolean preparedBy(Object authority) {
        return preparedBy == authority;
    }

    @Override
    public String toString() {
        return "PreparedCertificate[serial=" + serial.toString(16) + ", profile=" + profileName + ", subject=" + subject + "]";
    }
}
