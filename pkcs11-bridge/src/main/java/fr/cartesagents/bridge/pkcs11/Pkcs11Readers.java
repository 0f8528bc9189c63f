package fr.cartesagents.bridge.pkcs11;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.Pkcs11Modules;

/** The readers (slots) a PKCS#11 module sees, and the initialised card in each, read without a PIN. */
public final class Pkcs11Readers {

    private Pkcs11Readers() {
    }

    /**
     * @throws CardException {@code MIDDLEWARE_ERROR} if the module cannot be loaded or listed
     */
    public static List<Pkcs11Reader> list(Path modulePath) {
        PKCS11Module module;
        try {
            module = Pkcs11Modules.load(modulePath);
        } catch (CryptoTokenException e) {
            throw new CardException(CardFailure.MIDDLEWARE_ERROR, e.getMessage()
                    + ": install the card middleware or correct the module path", e);
        }
        try {
            Slot[] slots = module.getSlotList(false);
            List<Pkcs11Reader> readers = new ArrayList<>(slots.length);
            for (int index = 0; index < slots.length; index++) {
                readers.add(describe(index, slots[index]));
            }
            return List.copyOf(readers);
        } catch (PKCS11Exception e) {
            throw Pkcs11Failures.translate(e.getErrorCode(), e.getErrorName(), "listing the readers of " + modulePath,
                    PinRole.NONE, Pkcs11Failures.FLAGS_UNKNOWN);
        }
    }

    private static Pkcs11Reader describe(int index, Slot slot) throws PKCS11Exception {
        String name = slot.getSlotInfo().getSlotDescription().trim();
        try {
            Token token = slot.getNullableToken();
            TokenInfo info = token == null ? null : token.getTokenInfo();
            if (info == null || !info.isTokenInitialized()) {
                return new Pkcs11Reader(index, name, Optional.empty(), Optional.empty());
            }
            return new Pkcs11Reader(index, name, Optional.of(info.getLabel().trim()), Optional.of(info.getSerialNumber().trim()));
        } catch (PKCS11Exception e) {
            // A card being pulled out, or one the middleware cannot read: an empty reader for the listing.
            return new Pkcs11Reader(index, name, Optional.empty(), Optional.empty());
        }
    }
}
