package fr.cartesagents.bridge.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import java.util.OptionalInt;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * Turns a PKCS#11 return code into the failure a person can act on. Token flags read right after the
 * failure tell how many PIN tries are left (PKCS#11 gives no number: only "low", "final try" and
 * "locked"); {@code -1} means they could not be read.
 */
final class Pkcs11Failures {

    static final long FLAGS_UNKNOWN = -1;

    private Pkcs11Failures() {
    }

    static CardException translate(long code, String codeName, String doing, PinRole pinRole, long flagsAfter) {
        if (code == CKR_PIN_INCORRECT) {
            return pinRole == PinRole.SECURITY_OFFICER ? wrongUnblockSecret(flagsAfter) : wrongPin(flagsAfter);
        }
        if (code == CKR_PIN_LOCKED) {
            return pinRole == PinRole.SECURITY_OFFICER
                    ? new CardException(CardFailure.UNBLOCK_SECRET_BLOCKED,
                            "The unblock code of this card is blocked: the card can no longer be unblocked, order a new one")
                    : pinBlocked("The PIN is blocked: unblock the card with its unblock code");
        }
        if (code == CKR_PIN_LEN_RANGE || code == CKR_PIN_INVALID || code == CKR_PIN_TOO_WEAK) {
            if (pinRole == PinRole.USER) {
                return new CardException(CardFailure.WRONG_PIN,
                        "Wrong PIN: it does not have the length or characters this card accepts");
            }
            if (pinRole == PinRole.SECURITY_OFFICER) {
                return new CardException(CardFailure.WRONG_UNBLOCK_SECRET,
                        "Wrong unblock code: it does not have the length or characters this card accepts");
            }
            return new CardException(CardFailure.PIN_POLICY,
                    "The card refuses this new PIN (length or characters): choose another one");
        }
        if (code == CKR_PIN_EXPIRED) {
            return new CardException(CardFailure.PIN_POLICY, "The PIN has expired: change it before using the card");
        }
        if (code == CKR_USER_PIN_NOT_INITIALIZED) {
            return pinBlocked("The card has no PIN yet: set one with the unblock code");
        }
        if (code == CKR_DEVICE_REMOVED || code == CKR_SESSION_CLOSED || code == CKR_SESSION_HANDLE_INVALID) {
            return new CardException(CardFailure.CARD_REMOVED,
                    "The card was removed while " + doing + ": insert it again and start over");
        }
        if (code == CKR_TOKEN_NOT_PRESENT || code == CKR_TOKEN_NOT_RECOGNIZED) {
            return new CardException(CardFailure.NO_CARD, "No card in the reader (" + doing + "): insert the card");
        }
        if (code == CKR_SLOT_ID_INVALID) {
            return new CardException(CardFailure.NO_READER, "The reader is gone (" + doing + "): plug it in again");
        }
        if (code == CKR_USER_ANOTHER_ALREADY_LOGGED_IN || code == CKR_SESSION_READ_WRITE_SO_EXISTS
                || code == CKR_USER_TOO_MANY_TYPES || code == CKR_SESSION_COUNT) {
            return new CardException(CardFailure.CARD_ERROR,
                    "Another program is using the card (" + doing + "): close it and try again");
        }
        if (code == CKR_USER_NOT_LOGGED_IN) {
            return new CardException(CardFailure.CARD_ERROR,
                    "The card forgot the PIN (it was reset by another program) while " + doing + ": start over");
        }
        if (code == CKR_TOKEN_WRITE_PROTECTED || code == CKR_SESSION_READ_ONLY) {
            return new CardException(CardFailure.CARD_ERROR, "The card is write-protected (" + doing + ")");
        }
        if (code == CKR_DEVICE_MEMORY || code == CKR_TOKEN_RESOURCE_EXCEEDED) {
            return new CardException(CardFailure.CARD_ERROR, "The card is full (" + doing + ")");
        }
        if (code == CKR_DEVICE_ERROR) {
            return new CardException(CardFailure.CARD_ERROR,
                    "The card failed while " + doing + ": remove it, insert it again and retry");
        }
        if (code == CKR_KEY_HANDLE_INVALID || code == CKR_OBJECT_HANDLE_INVALID) {
            return new CardException(CardFailure.KEY_NOT_FOUND, "The key disappeared from the card while " + doing);
        }
        if (code == CKR_MECHANISM_INVALID || code == CKR_MECHANISM_PARAM_INVALID || code == CKR_FUNCTION_NOT_SUPPORTED
                || code == CKR_KEY_TYPE_INCONSISTENT || code == CKR_KEY_SIZE_RANGE || code == CKR_KEY_FUNCTION_NOT_PERMITTED
                || code == CKR_TEMPLATE_INCONSISTENT || code == CKR_ATTRIBUTE_VALUE_INVALID) {
            return new CardException(CardFailure.NOT_SUPPORTED,
                    "The card or its middleware does not support " + doing + " (" + codeName + ")");
        }
        return new CardException(CardFailure.MIDDLEWARE_ERROR,
                "The PKCS#11 middleware failed while " + doing + " (" + codeName + ")");
    }

    private static CardException wrongPin(long flags) {
        if (flags != FLAGS_UNKNOWN && (flags & CKF_USER_PIN_LOCKED) != 0) {
            return pinBlocked("Wrong PIN: the PIN is now blocked, unblock the card with its unblock code");
        }
        if (flags != FLAGS_UNKNOWN && (flags & CKF_USER_PIN_FINAL_TRY) != 0) {
            return CardException.wrongPin(1);
        }
        boolean low = flags != FLAGS_UNKNOWN && (flags & CKF_USER_PIN_COUNT_LOW) != 0;
        return new CardException(CardFailure.WRONG_PIN,
                low ? "Wrong PIN: few tries left before the card blocks" : "Wrong PIN", OptionalInt.empty(), null);
    }

    private static CardException wrongUnblockSecret(long flags) {
        if (flags != FLAGS_UNKNOWN && (flags & CKF_SO_PIN_LOCKED) != 0) {
            return new CardException(CardFailure.UNBLOCK_SECRET_BLOCKED,
                    "Wrong unblock code: it is now blocked, the card can no longer be unblocked");
        }
        if (flags != FLAGS_UNKNOWN && (flags & CKF_SO_PIN_FINAL_TRY) != 0) {
            return new CardException(CardFailure.WRONG_UNBLOCK_SECRET,
                    "Wrong unblock code: 1 try left before it blocks", OptionalInt.of(1), null);
        }
        return new CardException(CardFailure.WRONG_UNBLOCK_SECRET, "Wrong unblock code", OptionalInt.empty(), null);
    }

    private static CardException pinBlocked(String message) {
        return new CardException(CardFailure.PIN_BLOCKED, message, OptionalInt.of(0), null);
    }
}
