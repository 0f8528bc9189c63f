package fr.cartesagents.bridge.apdu;

import java.util.HexFormat;
import java.util.OptionalInt;

import javax.smartcardio.ResponseAPDU;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;

/**
 * The two status bytes that end every ISO 7816-4 response, with a message a person can read and
 * the {@link CardFailure} a caller can act on.
 */
public record StatusWord(int value) {

    public static final StatusWord SUCCESS = new StatusWord(0x9000);
    public static final StatusWord END_OF_FILE = new StatusWord(0x6282);
    public static final StatusWord WRONG_LENGTH = new StatusWord(0x6700);
    public static final StatusWord LAST_COMMAND_OF_CHAIN_EXPECTED = new StatusWord(0x6883);
    public static final StatusWord COMMAND_CHAINING_NOT_SUPPORTED = new StatusWord(0x6884);
    public static final StatusWord SECURITY_STATUS_NOT_SATISFIED = new StatusWord(0x6982);
    public static final StatusWord AUTHENTICATION_METHOD_BLOCKED = new StatusWord(0x6983);
    public static final StatusWord CONDITIONS_OF_USE_NOT_SATISFIED = new StatusWord(0x6985);
    public static final StatusWord NO_CURRENT_ELEMENTARY_FILE = new StatusWord(0x6986);
    public static final StatusWord INCORRECT_DATA = new StatusWord(0x6A80);
    public static final StatusWord FUNCTION_NOT_SUPPORTED = new StatusWord(0x6A81);
    public static final StatusWord FILE_NOT_FOUND = new StatusWord(0x6A82);
    public static final StatusWord NOT_ENOUGH_MEMORY = new StatusWord(0x6A84);
    public static final StatusWord INCORRECT_P1_P2 = new StatusWord(0x6A86);
    public static final StatusWord REFERENCED_DATA_NOT_FOUND = new StatusWord(0x6A88);
    public static final StatusWord OFFSET_OUTSIDE_FILE = new StatusWord(0x6B00);
    public static final StatusWord INSTRUCTION_NOT_SUPPORTED = new StatusWord(0x6D00);
    public static final StatusWord CLASS_NOT_SUPPORTED = new StatusWord(0x6E00);
    public static final StatusWord NO_PRECISE_DIAGNOSIS = new StatusWord(0x6F00);

    public StatusWord {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("A status word has two bytes: " + value);
        }
    }

    public static StatusWord of(ResponseAPDU response) {
        return new StatusWord(response.getSW());
    }

    public static StatusWord of(int sw1, int sw2) {
        return new StatusWord(((sw1 & 0xFF) << 8) | (sw2 & 0xFF));
    }

    /** {@code 63Cx}: a wrong PIN or PUK, with x tries left. */
    public static StatusWord verificationFailed(int triesLeft) {
        return of(0x63, 0xC0 | Math.min(triesLeft, 0x0F));
    }

    /** {@code 61xx}: xx more bytes (00 = 256 or more) wait for GET RESPONSE. */
    public static StatusWord bytesRemaining(int count) {
        return of(0x61, count > 0xFF ? 0 : count);
    }

    /** {@code 6Cxx}: wrong Le, the exact length is xx. */
    public static StatusWord wrongLe(int exactLength) {
        return of(0x6C, exactLength);
    }

    public int sw1() {
        return value >>> 8;
    }

    public int sw2() {
        return value & 0xFF;
    }

    public boolean isSuccess() {
        return value == 0x9000;
    }

    public boolean isBytesRemaining() {
        return sw1() == 0x61;
    }

    public boolean isWrongLe() {
        return sw1() == 0x6C;
    }

    /** The tries left that a {@code 63Cx} reports, if this is one. */
    public OptionalInt triesLeft() {
        return (value & 0xFFF0) == 0x63C0 ? OptionalInt.of(value & 0x0F) : OptionalInt.empty();
    }

    /** Two bytes, for a response APDU. */
    public byte[] toBytes() {
        return new byte[] {(byte) sw1(), (byte) sw2()};
    }

    public String hex() {
        return HexFormat.of().withUpperCase().toHexDigits((short) value);
    }

    /** What the card means, in words (ISO 7816-4 section 5.6). */
    public String message() {
        if (triesLeft().isPresent()) {
            return "verification failed, " + triesLeft().getAsInt() + " tries left";
        }
        return switch (sw1()) {
            case 0x61 -> sw2() == 0 ? "256 or more bytes wait for GET RESPONSE" : sw2() + " bytes wait for GET RESPONSE";
            case 0x6C -> "wrong Le field, the exact length is " + sw2();
            default -> switch (value) {
                case 0x9000 -> "success";
                case 0x6281 -> "part of the returned data may be corrupted";
                case 0x6282 -> "end of file reached before reading the expected number of bytes";
                case 0x6283 -> "selected file deactivated";
                case 0x6581 -> "memory failure";
                case 0x6700 -> "wrong length";
                case 0x6881 -> "logical channel not supported";
                case 0x6882 -> "secure messaging not supported";
                case 0x6883 -> "last command of the chain expected";
                case 0x6884 -> "command chaining not supported";
                case 0x6981 -> "command incompatible with the file structure";
                case 0x6982 -> "security status not satisfied (PIN not verified)";
                case 0x6983 -> "authentication method blocked";
                case 0x6984 -> "reference data not usable";
                case 0x6985 -> "conditions of use not satisfied";
                case 0x6986 -> "command not allowed (no current EF)";
                case 0x6987 -> "expected secure messaging data objects missing";
                case 0x6988 -> "incorrect secure messaging data objects";
                case 0x6A80 -> "incorrect parameters in the data field";
                case 0x6A81 -> "function not supported";
                case 0x6A82 -> "file or application not found";
                case 0x6A83 -> "record not found";
                case 0x6A84 -> "not enough memory space in the file";
                case 0x6A86 -> "incorrect parameters P1-P2";
                case 0x6A88 -> "referenced data or reference data not found";
                case 0x6B00 -> "wrong parameters (offset outside the EF)";
                case 0x6D00 -> "instruction not supported";
                case 0x6E00 -> "class not supported";
                case 0x6F00 -> "no precise diagnosis";
                default -> "unknown status";
            };
        };
    }

    /** The failure this status word means when the user PIN is at stake. */
    public CardFailure failure() {
        if (triesLeft().isPresent()) {
            return CardFailure.WRONG_PIN;
        }
        return switch (value) {
            case 0x6983 -> CardFailure.PIN_BLOCKED;
            case 0x6A80 -> CardFailure.PIN_POLICY;
            case 0x6A88 -> CardFailure.KEY_NOT_FOUND;
            // 6882, 6987, 6988: the card wants secure messaging, which this driver does not speak.
            case 0x6A81, 0x6A82, 0x6A86, 0x6D00, 0x6E00, 0x6881, 0x6882, 0x6884, 0x6987, 0x6988 -> CardFailure.NOT_SUPPORTED;
            default -> CardFailure.CARD_ERROR;
        };
    }

    /** The failure this status word means when the unblock secret (PUK) is at stake. */
    public CardFailure unblockSecretFailure() {
        if (triesLeft().isPresent()) {
            return CardFailure.WRONG_UNBLOCK_SECRET;
        }
        return value == 0x6983 ? CardFailure.UNBLOCK_SECRET_BLOCKED : failure();
    }

    /** An exception for {@code operation} (e.g. "VERIFY"), when the user PIN is at stake. */
    public CardException toException(String operation) {
        return exception(operation, failure());
    }

    /** An exception for {@code operation}, when the unblock secret (PUK) is at stake. */
    public CardException toUnblockSecretException(String operation) {
        return exception(operation, unblockSecretFailure());
    }

    private CardException exception(String operation, CardFailure failure) {
        OptionalInt tries = triesLeft();
        if (failure == CardFailure.WRONG_PIN) {
            return CardException.wrongPin(tries.getAsInt());
        }
        String message = switch (failure) {
            case WRONG_UNBLOCK_SECRET -> "Wrong unblock code (PUK): " + tries.getAsInt()
                    + (tries.getAsInt() == 1 ? " try" : " tries") + " left before it blocks";
            case PIN_BLOCKED -> "The PIN is blocked: unblock the card with its unblock code (PUK)";
            case UNBLOCK_SECRET_BLOCKED -> "The unblock code (PUK) is blocked: the card must be replaced";
            default -> operation + " failed: " + message() + " (" + hex() + ")";
        };
        return new CardException(failure, message, tries, null);
    }

    @Override
    public String toString() {
        return hex() + " (" + message() + ")";
    }
}
