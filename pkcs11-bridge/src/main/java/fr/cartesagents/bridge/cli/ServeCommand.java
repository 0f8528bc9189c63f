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
        description = {"Serve the card to the card portal page: an HTTP API on 127.0.0.1 only, for the given portal",
                "origin(s), paired with the code printed at start-up. Stops with Ctrl+C."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    DriverOptions driverOptions;

    @Option(names = "--portal-origin", required = true, split = ",", paramLabel = "ORIGIN",
            description = "Origin of the card portal page, exactly as the browser sends it (https://portail.example.fr); repeat or separate with commas.")
    List<String> portalOrigins;

    @Option(names = "--port", defaultValue = "" + LocalApiSettings.DEFAULT_PORT, paramLabel = "PORT",
            description = "TCP port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Where the pairing token is kept (default $XDG_CONFIG_HOME/cartes-agents/bridge-pairing-token).")
    Path tokenFile;

    @ArgGroup(exclusive = false, multiplicity = "0..1", heading = "Registration authority, for personalization:%n")
    RegistrationAuthorityOptions registrationAuthority;

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
        Optional<CertificateIssuers> issuers = Optional.ofNullable(registrationAuthority)
                .map(options -> CertificateIssuers.of(options.connection()));
        WorkstationCards cards = new WorkstationCards(driverOptions.module, driverOptions::open);
        LocalApiServer started;
        try {
            started = LocalApiServer.start(settings, cards, issuers);
        } catch (BindException e) {
            throw new UsageException("port " + port + " of 127.0.0.1 is taken (another bridge already running?): choose another with --port");
        }
        try (LocalApiServer server = started) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Card bridge listening on " + server.baseUri() + " for " + String.join(", ", settings.portalOrigins()));
            out.println("Pairing code: " + server.pairingCode() + "  (type it into the card portal page; it works once)");
            out.println("Press Ctrl+C to stop.");
            out.flush();
            new CountDownLatch(1).await(); // serves until the thread is interrupted or the JVM stops
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
