package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Objects;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;


/** A certificate the CA signed, with the profile it was issued under. */
public record IssuedCertificate(BigInteger serial, X509CertificateHolder certificate, String profileName) {

    public IssuedCertificate {
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(profileName, "profileName");
        if (!serial.equals(certificate.getSerialNumber())) {
            throw new IllegalArgumentException("serial does not match the certificate's serial number");
        }
    }

    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String pem() {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject("CERTIFICATE", der()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The serial as the API shows it: lower-case hexadecimal without leading zeros. */
    public String serialHex() {
        return serial.toString(16);
    }
}
