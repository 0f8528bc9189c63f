package fr.cartesagents.benchmarks.bridge;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.card.Pin;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The SoftHSM2 card with its PIN verified and an RSA 2048 signature key, for the signature
 * benchmarks: the bridge's {@link AuthenticatedCard}, and a raw session (logged in too, since a
 * PKCS#11 login holds for every session of the application) with the key's handle looked up once.
 */
@State(Scope.Benchmark)
public class SoftHsmLoggedIn {

    private AuthenticatedCard bridge;
    private Session rawSession;
    private long rawSignatureKey;

    @Setup(Level.Trial)
    public void logIn(SoftHsmCard card) throws PKCS11Exception {
        try (Pin pin = CardSecrets.pin(CardSecrets.USER_PIN)) {
            bridge = card.driver().authenticate(pin);
        }
        bridge.generateKeyPair(KeyRole.SIGNATURE, KeySpec.RSA_2048);
        rawSession = card.raw().openSession();
        long[] keys = rawSession.findObjectsSingle(new AttributeVector().class_(CKO_PRIVATE_KEY).id(KeyRole.SIGNATURE.id()), 1);
        if (keys == null || keys.length != 1) {
            throw new IllegalStateException("The signature key just generated is not on the card");
        }
        rawSignatureKey = keys[0];
    }

    @TearDown(Level.Trial)
    public void logOut() throws PKCS11Exception {
        rawSession.closeSession();
        bridge.close();
    }

    AuthenticatedCard bridge() {
        return bridge;
    }

    Session rawSession() {
        return rawSession;
    }

    long rawSignatureKey() {
        return rawSignatureKey;
    }
}
