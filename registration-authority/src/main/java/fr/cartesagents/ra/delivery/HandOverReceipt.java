package fr.cartesagents.ra.delivery;

import java.nio.charset.StandardCharsets;

import fr.cartesagents.ra.card.Card;

/**
 * The hand-over receipt the holder signs with the card's new signature key: what was handed to whom,
 * under which terms. Its bytes depend only on the card, the holder's record and the terms version,
 * so that the text fetched before the signature and the one checked after it are the same bytes.
 */
final class HandOverReceipt {

    private HandOverReceipt() {
    }

    /** The holder and their collectivity as the directory records them. */
    record Parties(String givenNames, String birthName, String holderId, String collectivityName, String siren) {
    }

    static byte[] of(Card card, Parties parties, String termsVersion) {
        String text = "Récépissé de remise en face à face d'une carte d'authentification et de signature\n"
                + "Carte : " + card.cardSerial() + " (profil " + card.profile().databaseName() + ", identifiant " + card.id() + ")\n"
                + "Porteur : " + parties.givenNames() + " " + parties.birthName().toUpperCase(java.util.Locale.ROOT)
                + " (identifiant " + parties.holderId() + ")\n"
                + "Collectivité : " + parties.collectivityName() + " (SIREN " + parties.siren() + ")\n"
                + "Certificat d'authentification : " + card.authenticationSerial() + "\n"
                + "Certificat de signature : " + card.signatureSerial() + "\n"
                + "Carte valable jusqu'au : " + card.expiresAt() + "\n"
                + "Conditions générales d'utilisation acceptées : version " + termsVersion + "\n"
                + "Le porteur reconnaît avoir reçu la carte en main propre après vérification de son identité.\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
