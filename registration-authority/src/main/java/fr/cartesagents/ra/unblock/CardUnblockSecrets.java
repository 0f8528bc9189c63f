package fr.cartesagents.ra.unblock;

import java.util.Objects;

import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.CardSerial;
import fr.cartesagents.ca.cardsecret.Puk;
import fr.cartesagents.ca.cardsecret.UnblockKey;

/**
 * The unblock secrets of each card, derived from the configured master key and the card serial:
 * the personalization writes them into the card ({@link #puk}, {@link #unblockKey}); the unblock
 * releases the PUK, or answers the card's challenge ({@link #unblockResponse}), for one card at a
 * time. Nothing per card is stored and nothing here is logged.
 */
public final class CardUnblockSecrets {

    private final CardSecrets secrets;

    CardUnblockSecrets(CardSecrets secrets) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    public Puk puk(String cardSerial) {
        return secrets.puk(new CardSerial(cardSerial));
    }

    /** For personalization only; the caller wipes it once written to the card. */
    public UnblockKey unblockKey(String cardSerial) {
        return secrets.unblockKey(new CardSerial(cardSerial));
    }

    public byte[] unblockResponse(String cardSerial, byte[] challenge) {
        return secrets.unblockResponse(new CardSerial(cardSerial), challenge);
    }

    @Override
    public String toString() {
        return "CardUnblockSecrets[" + secrets + "]";
    }
}
