package fr.cartesagents.bridge.cli;

import java.net.URI;
import java.nio.file.Path;

import fr.cartesagents.bridge.personalization.RegistrationAuthorityConnection;
import picocli.CommandLine.Option;

/** Where the registration authority is and how the operator authenticates to it (an argument group: all or none). */
final class RegistrationAuthorityOptions {

    @Option(names = "--ra-url", required = true, paramLabel = "URL",
            description = "API de l'autorité d'enregistrement, par exemple https://ra.example.fr:8443.")
    URI registrationAuthority;

    @Option(names = "--client-p12", required = true, paramLabel = "FILE",
            description = "PKCS#12 du certificat client de l'opérateur auprès de l'autorité d'enregistrement.")
    Path clientKey;

    @Option(names = "--client-p12-password-file", required = true, paramLabel = "FILE",
            description = "Fichier dont la première ligne est le mot de passe de --client-p12.")
    Path clientSecretFile;

    @Option(names = "--ca-chain", required = true, paramLabel = "FILE",
            description = "Certificats des AC de l'IGC (PEM) : seules ancres de confiance de la connexion, ajoutés à la chaîne des certificats.")
    Path caChain;

    RegistrationAuthorityConnection connection() {
        return new RegistrationAuthorityConnection(registrationAuthority, clientKey, clientSecretFile, caChain);
    }
}
