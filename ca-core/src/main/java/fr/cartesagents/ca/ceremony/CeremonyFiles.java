package fr.cartesagents.ca.ceremony;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.ca.hierarchy.PemFiles;

/**
 * The files a ceremony reads and writes. Certificates are never overwritten: a file that already
 * exists is refused before any key is generated, so that a second run cannot silently replace the
 * certificate recorded in the minutes.
 */
final class CeremonyFiles {

    private CeremonyFiles() {
    }

    static X509CertificateHolder readCertificate(Path file, String option) {
        try {
            return PemFiles.readCertificate(file);
        } catch (NoSuchFileException e) {
            throw new CeremonyException(option + ": " + file + " does not exist");
        } catch (IOException | RuntimeException e) {
            throw new CeremonyException(option + ": " + file + " is not a certificate in PEM or DER ("
                    + describe(e) + ")");
        }
    }

    static byte[] read(Path file, String option, long maxBytes) {
        try {
            if (Files.size(file) > maxBytes) {
                throw new CeremonyException(option + ": " + file + " is larger than " + maxBytes / 1024 + " KiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CeremonyException(option + ": " + file + " does not exist");
        } catch (IOException e) {
            throw new CeremonyException(option + ": cannot read " + file + " (" + describe(e) + ")");
        }
    }

    /** @throws CeremonyException naming every output file that already exists */
    static void refuseExisting(Path... files) {
        List<String> existing = new ArrayList<>();
        for (Path file : files) {
            if (file != null && Files.exists(file)) {
                existing.add(file.toString());
            }
        }
        if (!existing.isEmpty()) {
            throw new CeremonyException("refusing to overwrite " + String.join(", ", existing)
                    + ": move the file away or choose another output name");
        }
    }

    /** The PEM file, and the DER file when {@code der} is not null. */
    static void writeCertificate(Path pem, Path der, X509CertificateHolder certificate) {
        try {
            PemFiles.writeCertificate(pem, certificate);
            if (der != null) {
                PemFiles.writeDer(der, certificate.getEncoded());
            }
        } catch (IOException e) {
            throw new CeremonyException("cannot write the certificate: " + describe(e), e);
        }
    }

    static void writeChain(Path file, List<X509CertificateHolder> chain) {
        try {
            PemFiles.writeChain(file, chain);
        } catch (IOException e) {
            throw new CeremonyException("cannot write the chain " + file + ": " + describe(e), e);
        }
    }

    static void writeDer(Path file, byte[] der) {
        try {
            PemFiles.writeDer(file, der);
        } catch (IOException e) {
            throw new CeremonyException("cannot write " + file + ": " + describe(e), e);
        }
    }

    static void writePem(Path file, String type, byte[] der) {
        try {
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(temporary, PemFiles.toPem(type, der));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new CeremonyException("cannot write " + file + ": " + describe(e), e);
        }
    }

    static String describe(Exception e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
