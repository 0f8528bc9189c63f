package fr.cartesagents.bridge.pcsc;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * Turns what {@code javax.smartcardio} throws into a {@link CardException} a person can act on. The
 * JDK reports PC/SC errors as exceptions whose message holds the PC/SC code name
 * ({@code SCARD_W_REMOVED_CARD}...), the only stable thing to read.
 */
final class PcscFailures {

    private static final Pattern PCSC_CODE = Pattern.compile("SCARD_[EWF]_[A-Z_]+");

    private PcscFailures() {
    }

    /** The PC/SC code name in {@code failure} or its causes. */
    static Optional<String> pcscCode(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null) {
                Matcher matcher = PCSC_CODE.matcher(cause.getMessage());
                if (matcher.find()) {
                    return Optional.of(matcher.group());
                }
            }
        }
        return Optional.empty();
    }

    /** A failure while connecting to the card of {@code reader}. */
    static CardException whileConnecting(String reader, Exception failure) {
        String code = pcscCode(failure).orElse("");
        return switch (code) {
            case "SCARD_E_NO_SMARTCARD", "SCARD_W_REMOVED_CARD", "SCARD_W_UNPOWERED_CARD", "SCARD_W_UNRESPONSIVE_CARD" ->
                    noCard(reader, failure);
            default -> failure instanceof javax.smartcardio.CardNotPresentException
                    ? noCard(reader, failure)
                    : translate("Connecting to the card in '" + reader + "'", failure);
        };
    }

    /** A failure of an exchange with a card that was there when the operation started. */
    static CardException duringOperation(String reader, Exception failure, boolean cardStillPresent) {
        String code = pcscCode(failure).orElse("");
        boolean removed = code.equals("SCARD_W_REMOVED_CARD") || code.equals("SCARD_E_NO_SMARTCARD") || !cardStillPresent;
        if (removed) {
            return removed(reader, failure);
        }
        return translate("Talking to the card in '" + reader + "'", failure);
    }

    /**
     * The JDK's answer to a call on a connection it already knows to be unusable: "Card has been
     * removed" once it saw the card leave, "Card has been disconnected" after close.
     */
    static CardException unusableConnection(String reader, IllegalStateException failure) {
        if (String.valueOf(failure.getMessage()).contains("removed")) {
            return removed(reader, failure);
        }
        return new CardException(CardFailure.CARD_ERROR, "The connection to the card in '" + reader + "' is closed", failure);
    }

    /** Any other PC/SC failure, named after what was being done. */
    static CardException translate(String doing, Exception failure) {
        String code = pcscCode(failure).orElse("");
        return switch (code) {
            case "SCARD_E_NO_SERVICE", "SCARD_E_SERVICE_STOPPED" -> new CardException(CardFailure.NO_READER,
                    "The PC/SC service is not running: start pcscd (Debian: apt-get install pcscd)", failure);
            case "SCARD_E_NO_READERS_AVAILABLE", "SCARD_E_UNKNOWN_READER", "SCARD_E_READER_UNAVAILABLE" ->
                    new CardException(CardFailure.NO_READER, doing + ": the reader is not connected (" + code + ")", failure);
            case "SCARD_E_SHARING_VIOLATION" -> new CardException(CardFailure.CARD_ERROR,
                    doing + ": another application holds the card exclusively; close it and try again", failure);
            case "SCARD_W_RESET_CARD" -> new CardException(CardFailure.CARD_ERROR,
                    doing + ": another application reset the card; start again", failure);
            default -> new CardException(CardFailure.MIDDLEWARE_ERROR,
                    doing + " failed: " + (code.isEmpty() ? String.valueOf(failure.getMessage()) : code), failure);
        };
    }

    private static CardException removed(String reader, Exception failure) {
        return new CardException(CardFailure.CARD_REMOVED, "The card was removed from '" + reader
                + "' during the operation: put it back and start again", failure);
    }

    private static CardException noCard(String reader, Exception failure) {
        return new CardException(CardFailure.NO_CARD, "No card in the reader '" + reader + "': insert the card", failure);
    }
}
