package fr.cartesagents.bridge.localapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;

/** A fresh SoftHSM2 card served by a bridge API on a free port of 127.0.0.1, and a paired portal client. */
record ServedBridge(TestCard card, LocalApiServer server, BridgeApiClient portal) implements AutoCloseable {

    static final String PORTAL = "https://portail.cartes-agents.test";

    static ServedBridge start(Path directory, Optional<CertificateIssuers> issuers) {
        TestCard card = SoftHsmCards.get().newCard("api");
        LocalApiSettings settings = new LocalApiSettings(0, Set.of(PORTAL), 64 * 1024, directory.resolve("config/token"));
        try {
            LocalApiServer server = LocalApiServer.start(settings,
                    new WorkstationCards(SoftHsmCards.get().counterModule(), card::driver), issuers);
            return new ServedBridge(card, server, BridgeApiClient.of(server, PORTAL).paired(server.pairingCode()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
