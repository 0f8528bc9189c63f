package fr.cartesagents.bridge.personalization;

import java.util.Objects;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.card.PinStatus;

/**
 * The last step of a personalization: the card batch's transport unblock secret replaced with the
 * card's own PUK, which the registration authority derives from its master key and the card serial
 * and releases again, to this card only, when its holder asks for an unblock.
 *
 * <p>Every wrong guess spends a try of the unblock secret's counter, and a card whose counter runs
 * out can never be unblocked, so the guesses are few and ordered:
 * <ul>
 *   <li>a first personalization tries the transport secret only: a fresh card holds it, and a wrong
 *       one means the configuration is wrong (one try spent, given back by the next right one);</li>
 *   <li>a resumed personalization tries the transport secret first (a card pulled out before this
 *       step, by far the most likely), then, if the card refuses it, checks the card's own PUK (a
 *       card whose change went through but whose answer was lost with the card): a right one puts the
 *       counter back to its maximum, so a resume spends no try in the end;</li>
 *   <li>no guess is made on a counter at its final try: the card would be lost to a typing mistake.</li>
 * </ul>
 */
public final class UnblockSecretReplacement {

    /** What the step found and did. */
    public enum Outcome {
        /** The transport secret was replaced with the card's PUK. */
        REPLACED,
        /** The card already held its PUK (an earlier run changed it; its answer was lost). */
        ALREADY_REPLACED,
        /** The registration authority sent no PUK: the card keeps its batch's unblock secret. */
        NO_PUK_FROM_THE_SERVER
    }

    private UnblockSecretReplacement() {
    }

    public static Outcome replace(CardDriver card, Pin transportSecret, Pin cardPuk, boolean resuming) {
        Objects.requireNonNull(card, "card");
        requireTriesToSpare(card);
        CardException refused;
        try {
            card.changeUnblockSecret(transportSecret, cardPuk);
            return Outcome.REPLACED;
        } catch (CardException e) {
            if (e.failure() != CardFailure.WRONG_UNBLOCK_SECRET || !resuming) {
                throw e;
            }
            refused = e;
        }
        requireTriesToSpare(card);
        try {
            card.verifyUnblockSecret(cardPuk);
            return Outcome.ALREADY_REPLACED;
        } catch (CardException e) {
            if (e.failure() != CardFailure.WRONG_UNBLOCK_SECRET) {
                throw e;
            }
            CardException neither = new CardException(CardFailure.WRONG_UNBLOCK_SECRET, "The card refuses both the configured "
                    + "transport unblock code and its own PUK: the transport code configured is not this card batch's ("
                    + e.getMessage() + ")", e.triesLeft(), e);
            neither.addSuppressed(refused);
            throw neither;
        }
    }

    private static void requireTriesToSpare(CardDriver card) {
        PinStatus status = card.unblockSecretStatus();
        if (status.blocked()) {
            throw new CardException(CardFailure.UNBLOCK_SECRET_BLOCKED,
                    "The card's unblock code is blocked: the card can no longer be unblocked, set aside and order a new one");
        }
        if (status.finalTry()) {
            throw new CardException(CardFailure.WRONG_UNBLOCK_SECRET, "The card's unblock code has one try left: "
                    + "the bridge does not spend it on a guess; check the transport unblock code of the card batch with "
                    + "its supplier", status.triesLeft(), null);
        }
    }
}
