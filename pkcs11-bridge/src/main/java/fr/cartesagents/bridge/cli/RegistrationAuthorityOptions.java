package fr.cartesagents.bridge.cli;

import java.net.URI;
import java.nio.file.Path;

import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import picocli.CommandLine.Option;

/** Where the registration authority is and how the operator authenticates to it (an argument group: all or none). */
final class RegistrationAuthorityOptions {

    @Option(names = "--ra-url", required = true, paramLabel = "URL",
            description = "API of the registration authority, e.g. https://ra.example.fr:8443")
    URI registrationAuthority;

    @Option(names = "--client-p12", required = true, paramLabel = "FILE",
            description = "PKCS#12 of the operator's client certificate for the registration authority.")
    Path clientKey;

    @Option(names = "--client-p12-password-file", required = true, paramLabel = "FILE",
            description = "File whose first line is the password of --client-p12.")
    Path clientSecretFile;

    @Option(names = "--ca-chain", required = true, paramLabel = "FILE",
            description = "The PKI's CA certificates (PEM): trusted for the connection, added to the certificates' chain.")
    Path caChain;

    RegistrationAuthorityConnection connection() {
        return new RegistrationAuthorityConnection(registrationAuthority, clientKey, clientSecretFile, caChain);
    }
}
