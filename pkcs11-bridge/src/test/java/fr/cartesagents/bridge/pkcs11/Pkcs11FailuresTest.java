package fr.cartesagents.bridge.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cartesagents.bridge.card.CardFailure;

/** Every PKCS#11 code a person can act on maps to the failure that tells them what to do. */
class Pkcs11FailuresTest {

    @ParameterizedTest(name = "{0} during {1} -> {2}")
    @CsvSource({
            "CKR_PIN_INCORRECT, USER, WRONG_PIN",
            "CKR_PIN_INCORRECT, CURRENT_AND_NEW, WRONG_PIN",
            "CKR_PIN_INCORRECT, SECURITY_OFFICER, WRONG_UNBLOCK_SECRET",
            "CKR_PIN_LOCKED, USER, PIN_BLOCKED",
            "CKR_PIN_LOCKED, SECURITY_OFFICER, UNBLOCK_SECRET_BLOCKED",
            "CKR_PIN_LEN_RANGE, CURRENT_AND_NEW, PIN_POLICY",
            "CKR_PIN_LEN_RANGE, NEW_PIN, PIN_POLICY",
            "CKR_PIN_INVALID, NEW_PIN, PIN_POLICY",
            "CKR_PIN_TOO_WEAK, NEW_PIN, PIN_POLICY",
            "CKR_PIN_LEN_RANGE, USER, WRONG_PIN",
            "CKR_PIN_LEN_RANGE, SECURITY_OFFICER, WRONG_UNBLOCK_SECRET",
            "CKR_PIN_EXPIRED, USER, PIN_POLICY",
            "CKR_USER_PIN_NOT_INITIALIZED, USER, PIN_BLOCKED",
            "CKR_DEVICE_REMOVED, NONE, CARD_REMOVED",
            "CKR_SESSION_HANDLE_INVALID, NONE, CARD_REMOVED",
            "CKR_SESSION_CLOSED, NONE, CARD_REMOVED",
            "CKR_TOKEN_NOT_PRESENT, NONE, NO_CARD",
            "CKR_TOKEN_NOT_RECOGNIZED, NONE, NO_CARD",
            "CKR_SLOT_ID_INVALID, NONE, NO_READER",
            "CKR_USER_ANOTHER_ALREADY_LOGGED_IN, NONE, CARD_ERROR",
            "CKR_DEVICE_ERROR, NONE, CARD_ERROR",
            "CKR_DEVICE_MEMORY, NONE, CARD_ERROR",
            "CKR_TOKEN_WRITE_PROTECTED, NONE, CARD_ERROR",
            "CKR_KEY_HANDLE_INVALID, NONE, KEY_NOT_FOUND",
            "CKR_MECHANISM_INVALID, NONE, NOT_SUPPORTED",
            "CKR_KEY_SIZE_RANGE, NONE, NOT_SUPPORTED",
            "CKR_GENERAL_ERROR, NONE, MIDDLEWARE_ERROR",
            "CKR_CRYPTOKI_NOT_INITIALIZED, NONE, MIDDLEWARE_ERROR"})
    void mapsCode(String codeName, PinRole role, CardFailure expected) throws Exception {
        long code = org.xipki.pkcs11.wrapper.PKCS11Constants.class.getField(codeName).getLong(null);
        assertThat(Pkcs11Failures.translate(code, codeName, "testing", role, Pkcs11Failures.FLAGS_UNKNOWN).failure())
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "flags {0} -> {1}, tries left {2}")
    @CsvSource({"0, WRONG_PIN, -1", "1, WRONG_PIN, 1", "2, PIN_BLOCKED, 0"})
    void wrongPinReadsTheTokenFlags(int state, CardFailure expected, int triesLeft) {
        long flags = switch (state) {
            case 0 -> CKF_USER_PIN_COUNT_LOW;
            case 1 -> CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY;
            default -> CKF_USER_PIN_LOCKED;
        };
        var failure = Pkcs11Failures.translate(CKR_PIN_INCORRECT, "CKR_PIN_INCORRECT", "testing", PinRole.USER, flags);
        assertThat(failure.failure()).isEqualTo(expected);
        if (triesLeft < 0) {
            assertThat(failure.triesLeft()).isEmpty();
        } else {
            assertThat(failure.triesLeft()).hasValue(triesLeft);
        }
    }
}
