package fr.cartesagents.benchmarks.bridge;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

/**
 * The SoftHSM2 card emptied of its keys and certificates before every personalization (outside the
 * measured time), so that the bridge and the raw sequence both personalize a blank card and the
 * token does not grow from one invocation to the next. An invocation lasts hundreds of milliseconds,
 * so a per-invocation setup costs the measurement nothing.
 */
@State(Scope.Benchmark)
public class BlankSoftHsmCard {

    private SoftHsmCard card;

    @Setup(Level.Trial)
    public void attach(SoftHsmCard softHsmCard) {
        this.card = softHsmCard;
    }

    @Setup(Level.Invocation)
    public void wipe() throws PKCS11Exception {
        card.raw().wipe(CardSecrets.USER_PIN.toCharArray());
    }

    SoftHsmCard card() {
        return card;
    }
}
