package fr.cartesagents.ca.hierarchy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * Certificates, chains and CRLs as PEM text and files (RFC 7468). Files are written to a temporary
 * sibling and moved into place, so a reader never sees half a file.
 */
public final class PemFiles {

    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String X509_CRL = "X509 CRL";

    private PemFiles() {
    }

    public static String toPem(X509CertificateHolder certificate) {
        return toPem(CERTIFICATE, encoded(certificate));
    }

    /** A chain, in the order given (conventionally the leaf first, the root last). */
    public static String toPem(List<X509CertificateHolder> chain) {
        StringBuilder text = new StringBuilder();
        for (X509CertificateHolder certificate : chain) {
            text.append(toPem(certificate));
        }
        return text.toString();
    }

    public static String toPem(X509CRLHolder crl) {
        try {
            return toPem(X509_CRL, crl.getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toPem(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    public static void writeCertificate(Path file, X509CertificateHolder certificate) throws IOException {
        writeAtomically(file, toPem(certificate));
    }

    public static void writeChain(Path file, List<X509CertificateHolder> chain) throws IOException {
        writeAtomically(file, toPem(chain));
    }

    public static void writeCrl(Path file, X509CRLHolder crl) throws IOException {
        writeAtomically(file, toPem(crl));
    }

    /** The DER form, for the repository files relying parties download ({@code .crt}, {@code .crl}). */
    public static void writeDer(Path file, byte[] der) throws IOException {
        Path temporary = temporarySibling(file);
        Files.write(temporary, der);
        move(temporary, file);
    }

    public static X509CertificateHolder readCertificate(Path file) throws IOException {
        List<X509CertificateHolder> certificates = readCertificates(file);
        if (certificates.size() != 1) {
            throw new IOException(file + " holds " + certificates.size() + " certificates, expected one");
        }
        return certificates.get(0);
    }

    /** Every CERTIFICATE block of the file, in file order; a DER file is read as one certificate. */
    public static List<X509CertificateHolder> readCertificates(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length > 0 && content[0] == 0x30) {
            return List.of(new X509CertificateHolder(content));
        }
        List<X509CertificateHolder> certificates = new ArrayList<>();
        for (PemObject object : readPemObjects(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
            if (CERTIFICATE.equals(object.getType())) {
                certificates.add(new X509CertificateHolder(object.getContent()));
            }
        }
        return certificates;
    }

    public static X509CRLHolder readCrl(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        if (content.length > 0 && content[0] == 0x30) {
            return new X509CRLHolder(content);
        }
        for (PemObject object : readPemObjects(new StringReader(new String(content, StandardCharsets.US_ASCII)))) {
            if (X509_CRL.equals(object.getType())) {
                return new X509CRLHolder(object.getContent());
            }
        }
        throw new IOException(file + " holds no X509 CRL");
    }

    /** Every certificate of a PEM text. */
    public static List<X509CertificateHolder> parseCertificates(String pem) throws IOException {
        List<X509CertificateHolder> certificates = new ArrayList<>();
        for (PemObject object : readPemObjects(new StringReader(pem))) {
            if (CERTIFICATE.equals(object.getType())) {
                certificates.add(new X509CertificateHolder(object.getContent()));
            }
        }
        return certificates;
    }

    private static List<PemObject> readPemObjects(Reader source) throws IOException {
        List<PemObject> objects = new ArrayList<>();
        try (PemReader reader = new PemReader(source)) {
            for (PemObject object = reader.readPemObject(); object != null; object = reader.readPemObject()) {
                objects.add(object);
            }
        }
        return objects;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = temporarySibling(file);
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        move(temporary, file);
    }

    private static Path temporarySibling(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        return Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
    }

    private static void move(Path temporary, Path file) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static byte[] encoded(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
