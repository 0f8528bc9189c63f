package fr.cartesagents.bridge.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import fr.cartesagents.bridge.localapi.CertificateIssuers;
import fr.cartesagents.bridge.localapi.LocalApiServer;
import fr.cartesagents.bridge.localapi.LocalApiSettings;
import fr.cartesagents.bridge.localapi.WorkstationCards;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Runs the localhost API for the card portal page until the process is stopped (Ctrl+C) or the
 * thread is interrupted, and prints the pairing code the person types into the portal.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Mettre la carte à disposition de la page du portail des cartes : une API HTTP sur 127.0.0.1 "
                + "seulement, pour la ou les origines du portail données, appairée avec le code affiché au démarrage. "
                + "Sans --reader, --token ni --slot : la seule carte présente (PKCS#11, sinon PC/SC). S'arrête avec Ctrl+C.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DriverOptions driverOptions;

    @Option(names = "--portal-origin", required = true, split = ",", paramLabel = "ORIGIN",
            description = "Origine de la page du portail, exactement comme le navigateur l'envoie (https://portail.example.fr) ; répéter ou séparer par des virgules.")
    List<String> portalOrigins;

    @Option(names = "--port", defaultValue = "" + LocalApiSettings.DEFAULT_PORT, paramLabel = "PORT",
            description = "Port TCP sur 127.0.0.1 (défaut ${DEFAULT-VALUE} ; 0 pour un port libre quelconque).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Où garder le jeton d'appairage (défaut $XDG_CONFIG_HOME/cartes-agents/bridge-pairing-token).")
    Path tokenFile;

    @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Autorité d'enregistrement, pour la personnalisation :%n")
    RegistrationAuthorityOptions registrationAuthority;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Code de déblocage de transport du lot de cartes, pour la personnalisation :%n")
    TransportSecretOptions transportSecret;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LocalApiSettings settings;
        try {
            settings = LocalApiSettings.of(port, new LinkedHashSet<>(portalOrigins));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (tokenFile != null) {
            settings = settings.withTokenFile(tokenFile);
        }
        if (registrationAuthority != null && transportSecret == null) {
            throw new UsageException("la personnalisation (--ra-url ...) demande le code de déblocage de transport du lot de cartes : "
                    + "--transport-puk-file ou --transport-puk-env");
        }
        Optional<CertificateIssuers> issuers = Optional.ofNullable(registrationAuthority)
                .map(options -> CertificateIssuers.of(options.connection(), transportSecret.checked()));
        WorkstationCards cards = new WorkstationCards(driverOptions.module, driverOptions::open);
        LocalApiServer started;
        try {
            started = LocalApiServer.start(settings, cards, issuers);
        } catch (BindException e) {
            throw new UsageException("le port " + port + " de 127.0.0.1 est pris (un autre pont déjà lancé ?) : choisissez-en un autre avec --port");
        }
        try (LocalApiServer server = started) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Pont de carte à l'écoute sur " + server.baseUri() + " pour " + String.join(", ", settings.portalOrigins()));
            out.println("Code d'appairage : " + server.pairingCode() + "  (à saisir dans la page du portail ; valable une fois)");
            out.println("Ctrl+C pour arrêter.");
            out.flush();
            new CountDownLatch(1).await(); // serves until the thread is interrupted or the JVM stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
