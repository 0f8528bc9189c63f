package fr.cartesagents.ca.ceremony;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where a command writes the certificate it made: PEM always, DER as well on request. */
public final class CertificateOutputOptions {

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Write the certificate as PEM to FILE (never overwritten).")
    Path pem;

    @Option(names = "--der", paramLabel = "FILE",
            description = "Also write the certificate as DER to FILE, as published in the repository (.crt).")
    Path der;
}
