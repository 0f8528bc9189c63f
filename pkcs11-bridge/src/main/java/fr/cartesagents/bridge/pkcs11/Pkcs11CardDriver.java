package fr.cartesagents.bridge.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_WRITE_PROTECTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_FUNCTION_NOT_SUPPORTED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_PIN_NOT_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_SO;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

import org.bouncycastle.cert.X509CertificateHolder;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.CardCapabilities;
import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.card.CardInfo;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.bridge.card.PinStatus;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.Pkcs11Modules;

/**
 * A card reached through its PKCS#11 middleware (OpenSC, a vendor library, SoftHSM2 in tests). Each
 * operation opens its own session and closes it; {@link #authenticate} keeps one logged-in session
 * until the returned card is closed. The module itself is loaded once per JVM and never finalised.
 */
public final class Pkcs11CardDriver implements CardDriver {

    private final Token token;
    private final String readerName;

    private Pkcs11CardDriver(Token token, String readerName) {
        this.token = token;
        this.readerName = readerName;
    }

    /**
     * Finds the selected token.
     *
     * @throws CardException {@code MIDDLEWARE_ERROR} if the module cannot be loaded, {@code NO_READER}
     *                       if it has no slot (or not the selected one), {@code NO_CARD} if the card is absent
     */
    public static Pkcs11CardDriver open(Pkcs11TokenSelection selection) {
        Objects.requireNonNull(selection, "selection");
        PKCS11Module module;
        try {
            module = Pkcs11Modules.load(selection.modulePath());
        } catch (CryptoTokenException e) {
            throw new CardException(CardFailure.MIDDLEWARE_ERROR, e.getMessage()
                    + ": install the card middleware or correct the module path", e);
        }
        try {
            List<Slot> slots = List.of(module.getSlotList(false));
            if (slots.isEmpty()) {
                throw new CardException(CardFailure.NO_READER, "No card reader found by " + selection.modulePath()
                        + ": plug in the reader");
            }
            Slot slot = selectSlot(slots, selection);
            return new Pkcs11CardDriver(slot.getToken(), slot.getSlotInfo().getSlotDescription().trim());
        } catch (PKCS11Exception e) {
            throw Pkcs11Failures.translate(e.getErrorCode(), e.getErrorName(), "looking for " + selection.describe(),
                    PinRole.NONE, Pkcs11Failures.FLAGS_UNKNOWN);
        }
    }

    private static Slot selectSlot(List<Slot> slots, Pkcs11TokenSelection selection) throws PKCS11Exception {
        if (selection.slotIndex().isPresent()) {
            int index = selection.slotIndex().getAsInt();
            if (index >= slots.size()) {
                throw new CardException(CardFailure.NO_READER, "No slot " + index + ": " + selection.modulePath()
                        + " has " + slots.size() + " slot(s), numbered from 0");
            }
            Slot slot = slots.get(index);
            if (!isInitializedTokenPresent(slot)) {
                throw new CardException(CardFailure.NO_CARD, "No card in slot " + index + ": insert the card");
            }
            return slot;
        }
        List<Slot> candidates = new ArrayList<>();
        for (Slot slot : slots) {
            if (isInitializedTokenPresent(slot)
                    && selection.tokenLabel().map(label -> label.equals(label(slot))).orElse(true)) {
                candidates.add(slot);
            }
        }
        if (candidates.isEmpty()) {
            throw new CardException(CardFailure.NO_CARD, "No card found: insert " + selection.describe());
        }
        if (candidates.size() > 1) {
            throw new CardException(CardFailure.CARD_ERROR, candidates.size() + " cards match " + selection.describe()
                    + ": choose one by its token label or slot index");
        }
        return candidates.get(0);
    }

    private static boolean isInitializedTokenPresent(Slot slot) {
        try {
            Token token = slot.getNullableToken();
            return token != null && token.getTokenInfo().isTokenInitialized();
        } catch (PKCS11Exception e) {
            // A card being pulled out, or one the middleware cannot read: not a card to drive.
            return false;
        }
    }

    private static String label(Slot slot) {
        try {
            return slot.getToken().getTokenInfo().getLabel().trim();
        } catch (PKCS11Exception e) {
            return "";
        }
    }

    @Override
    public CardInfo info() {
        TokenInfo info = tokenInfo("reading the card");
        Map<KeyRole, X509CertificateHolder> certificates = new EnumMap<>(KeyRole.class);
        withSession(false, "reading the certificates", session -> {
            for (KeyRole role : KeyRole.values()) {
                readCertificate(session, role).ifPresent(certificate -> certificates.put(role, certificate));
            }
            return null;
        });
        return new CardInfo(info.getSerialNumber().trim(), Optional.empty(), Optional.of(info.getLabel().trim()),
                readerName, pinStatus(info.getFlags()), certificates);
    }

    @Override
    public PinStatus pinStatus() {
        return pinStatus(tokenInfo("reading the PIN status").getFlags());
    }

    @Override
    public CardCapabilities capabilities() {
        TokenInfo info = tokenInfo("reading the card's capabilities");
        long[] mechanisms = token.getMechanismList();
        boolean generates = contains(mechanisms, CKM_RSA_PKCS_KEY_PAIR_GEN) || contains(mechanisms, CKM_EC_KEY_PAIR_GEN);
        boolean signs = contains(mechanisms, CKM_RSA_PKCS) || contains(mechanisms, CKM_ECDSA);
        boolean writable = (info.getFlags() & CKF_WRITE_PROTECTED) == 0;
        return new CardCapabilities(generates && writable, signs, writable, true, true);
    }

    @Override
    public void changePin(Pin current, Pin replacement) {
        char[] currentChars = current.toChars();
        char[] replacementChars = replacement.toChars();
        try {
            withSession(true, "changing the PIN", PinRole.CURRENT_AND_NEW, session -> {
                session.setPIN(currentChars, replacementChars);
                return null;
            });
        } finally {
            Arrays.fill(currentChars, '\0');
            Arrays.fill(replacementChars, '\0');
        }
    }

    @Override
    public void unblockPin(Pin unblockSecret, Pin replacement) {
        char[] replacementChars = replacement.toChars();
        try {
            asSecurityOfficer(unblockSecret, "unblocking the PIN", session -> {
                try {
                    session.initPIN(replacementChars);
                } catch (PKCS11Exception e) {
                    throw failure(e, "setting the new PIN", PinRole.NEW_PIN);
                }
            });
        } finally {
            Arrays.fill(replacementChars, '\0');
        }
    }

    @Override
    public PinStatus unblockSecretStatus() {
        return unblockSecretStatus(tokenInfo("reading the unblock code status").getFlags());
    }

    /** A security-officer login and logout: nothing else changes, a right secret restores its tries. */
    @Override
    public void verifyUnblockSecret(Pin unblockSecret) {
        asSecurityOfficer(unblockSecret, "checking the unblock code", session -> {
        });
    }

    /** C_Login as security officer with the current secret, then C_SetPIN, which in that state changes the SO PIN. */
    @Override
    public void changeUnblockSecret(Pin current, Pin replacement) {
        char[] currentChars = current.toChars();
        char[] replacementChars = replacement.toChars();
        try {
            asSecurityOfficer(current, "changing the unblock code", session -> {
                try {
                    session.setPIN(currentChars, replacementChars);
                } catch (PKCS11Exception e) {
                    if (e.getErrorCode() == CKR_USER_PIN_NOT_INITIALIZED || e.getErrorCode() == CKR_FUNCTION_NOT_SUPPORTED) {
                        // OpenSC on IAS-ECC: the SO login presents the PUK, but the card's PKCS#15 has no SO PIN to change.
                        CardException unsupported = new CardException(CardFailure.NOT_SUPPORTED, "The middleware accepts the "
                                + "unblock code but cannot change it (" + e.getErrorName() + "): personalize this card through "
                                + "PC/SC (--reader), whose driver changes the PUK itself");
                        unsupported.addSuppressed(e);
                        throw unsupported;
                    }
                    throw failure(e, "setting the new unblock code", PinRole.NEW_PIN);
                }
            });
        } finally {
            Arrays.fill(currentChars, '\0');
            Arrays.fill(replacementChars, '\0');
        }
    }

    /** Work done as the security officer, logged in with the unblock secret (a wrong one spends a try) and out again. */
    private void asSecurityOfficer(Pin unblockSecret, String doing, SecurityOfficerWork work) {
        char[] secretChars = unblockSecret.toChars();
        try {
            withSession(true, doing, PinRole.SECURITY_OFFICER, session -> {
                session.login(CKU_SO, secretChars);
                try {
                    work.apply(session);
                } finally {
                    logoutQuietly(session);
                }
                return null;
            });
        } finally {
            Arrays.fill(secretChars, '\0');
        }
    }

    /** What the security officer does once logged in; its own failures are already {@link CardException}s. */
    @FunctionalInterface
    private interface SecurityOfficerWork {
        void apply(Session session);
    }

    @Override
    public AuthenticatedCard authenticate(Pin pin) {
        Session session = openSession(true, "presenting the PIN");
        char[] pinChars = pin.toChars();
        try {
            session.login(CKU_USER, pinChars);
            return new Pkcs11AuthenticatedCard(session, this::failure);
        } catch (PKCS11Exception e) {
            closeQuietly(session);
            throw failure(e, "presenting the PIN", PinRole.USER);
        } catch (RuntimeException e) {
            closeQuietly(session);
            throw e;
        } finally {
            Arrays.fill(pinChars, '\0');
        }
    }

    @Override
    public void close() {
        // Nothing to release: sessions are per operation, and the module lives as long as the JVM.
    }

    static PinStatus pinStatus(long flags) {
        if ((flags & CKF_USER_PIN_LOCKED) != 0) {
            return new PinStatus(OptionalInt.of(0), true, false, true);
        }
        if ((flags & CKF_USER_PIN_FINAL_TRY) != 0) {
            return new PinStatus(OptionalInt.of(1), true, true, false);
        }
        return new PinStatus(OptionalInt.empty(), (flags & CKF_USER_PIN_COUNT_LOW) != 0, false, false);
    }

    /** PKCS#11 gives no number for the SO PIN either, only its "count low", "final try" and "locked" flags. */
    static PinStatus unblockSecretStatus(long flags) {
        if ((flags & CKF_SO_PIN_LOCKED) != 0) {
            return new PinStatus(OptionalInt.of(0), true, false, true);
        }
        if ((flags & CKF_SO_PIN_FINAL_TRY) != 0) {
            return new PinStatus(OptionalInt.of(1), true, true, false);
        }
        return new PinStatus(OptionalInt.empty(), (flags & CKF_SO_PIN_COUNT_LOW) != 0, false, false);
    }

    static Optional<X509CertificateHolder> readCertificate(Session session, KeyRole role) throws PKCS11Exception {
        long[] handles = session.findObjectsSingle(new AttributeVector().class_(CKO_CERTIFICATE)
                .certificateType(CKC_X_509).id(role.id()), 1);
        if (handles == null || handles.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new X509CertificateHolder(session.getAttrValues(handles[0], CKA_VALUE).value()));
        } catch (IOException e) {
            throw new CardException(CardFailure.CARD_ERROR, "The " + Pkcs11CardDriver.roleName(role) + " certificate on the card is unreadable", e);
        }
    }

    /** Work done in one session. */
    @FunctionalInterface
    interface SessionWork<T> {
        T apply(Session session) throws PKCS11Exception;
    }

    /** Turns a PKCS#11 error into a {@link CardException}, reading the token flags for PIN errors. */
    @FunctionalInterface
    interface FailureTranslator {
        CardException translate(PKCS11Exception e, String doing, PinRole pinRole);
    }

    private <T> T withSession(boolean readWrite, String doing, SessionWork<T> work) {
        return withSession(readWrite, doing, PinRole.NONE, work);
    }

    private <T> T withSession(boolean readWrite, String doing, PinRole pinRole, SessionWork<T> work) {
        Session session = openSession(readWrite, doing);
        try {
            return work.apply(session);
        } catch (PKCS11Exception e) {
            throw failure(e, doing, pinRole);
        } finally {
            closeQuietly(session);
        }
    }

    private Session openSession(boolean readWrite, String doing) {
        try {
            return token.openSession(readWrite);
        } catch (PKCS11Exception e) {
            throw failure(e, doing, PinRole.NONE);
        }
    }

    private TokenInfo tokenInfo(String doing) {
        try {
            return token.getTokenInfo();
        } catch (PKCS11Exception e) {
            throw failure(e, doing, PinRole.NONE);
        }
    }

    private CardException failure(PKCS11Exception e, String doing, PinRole pinRole) {
        long flags = Pkcs11Failures.FLAGS_UNKNOWN;
        if (pinRole != PinRole.NONE) {
            try {
                flags = token.getTokenInfo().getFlags();
            } catch (PKCS11Exception | RuntimeException unreadable) {
                // The tries left stay unknown; the failure itself is still reported.
            }
        }
        CardException translated = Pkcs11Failures.translate(e.getErrorCode(), e.getErrorName(), doing, pinRole, flags);
        translated.addSuppressed(e);
        return translated;
    }

    private static void logoutQuietly(Session session) {
        try {
            session.logout();
        } catch (PKCS11Exception | RuntimeException e) {
            // Closing the last session logs out anyway.
        }
    }

    /** "authentication" or "signature", for messages (the CKA_LABEL is the card's own, French, name). */
    static String roleName(KeyRole role) {
        return role.name().toLowerCase(java.util.Locale.ROOT);
    }

    static void closeQuietly(Session session) {
        try {
            session.closeSession();
        } catch (PKCS11Exception | RuntimeException e) {
            // Already gone with the card: nothing left to release.
        }
    }

    private static boolean contains(long[] values, long wanted) {
        if (values == null) {
            return false;
        }
        for (long value : values) {
            if (value == wanted) {
                return true;
            }
        }
        return false;
    }
}
