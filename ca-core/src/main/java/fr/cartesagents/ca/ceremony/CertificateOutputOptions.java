package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import org.bouncycastle.cert.X509CertificateHolder;

import picocli.CommandLine.Option;

/** Where a command writes the certificate it made: PEM always, DER as well on request. */
public final class CertificateOutputOptions {

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Write the certificate as PEM to FILE (never overwritten).")
    Path pem;

    @Option(names = "--der", paramLabel = "FILE",
            description = "Also write the certificate as DER to FILE, as published in the repository (.crt).")
    Path der;

    void write(X509CertificateHolder certificate) {
        CeremonyFiles.writeCertificate(pem, der, certificate);
    }

    /** The files written, for the command's report. */
    String describe() {
        return pem + (der != null ? ", " + der : "");
    }
}
