package fr.cartesagents.ca.cardsecret;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The per-card AES-128 key of the challenge–response unblock, written into the card at
 * personalization (as a card-management key of a real IAS-ECC card) and recomputed by the server
 * from the master key when the holder unblocks.
 *
 * <p>The response to a card challenge is AES-CMAC (NIST SP 800-38B, RFC 4493) of the challenge:
 * IAS-ECC cards authenticate the terminal with a symmetric key applied to their GET CHALLENGE
 * answer (ISO 7816-4 EXTERNAL AUTHENTICATE); CMAC is the standard MAC of the AES cards and, unlike a
 * bare block encryption, takes a challenge of any length. The response proves knowledge of the key
 * for one challenge only, so the holder's workstation learns nothing it could replay.
 */
public final class UnblockKey {

    public static final int LENGTH = 16;
    public static final int RESPONSE_LENGTH = 16;
    private static final int MIN_CHALLENGE = 8;
    private static final int MAX_CHALLENGE = 64;

    private final byte[] value;

    public UnblockKey(byte[] value) {
        Objects.requireNonNull(value, "value");
        if (value.length != LENGTH) {
            throw new IllegalArgumentException("An unblock key is AES-128: " + LENGTH + " bytes");
        }
        this.value = value.clone();
    }

    /** The key bytes, to be written into the card at personalization; the caller wipes the copy. */
    public byte[] value() {
        return value.clone();
    }

    /** AES-CMAC of {@code challenge} under this key. */
    public byte[] respond(byte[] challenge) {
        Objects.requireNonNull(challenge, "challenge");
        if (challenge.length < MIN_CHALLENGE || challenge.length > MAX_CHALLENGE) {
            throw new IllegalArgumentException("A card challenge has " + MIN_CHALLENGE + " to " + MAX_CHALLENGE + " bytes");
        }
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(value));
        cmac.update(challenge, 0, challenge.length);
        byte[] response = new byte[cmac.getMacSize()];
        cmac.doFinal(response, 0);
        return response;
    }

    /** Whether {@code response} answers {@code challenge} (constant-time comparison): the card's side. */
    public boolean accepts(byte[] challenge, byte[] response) {
        return MessageDigest.isEqual(respond(challenge), response);
    }

    /** Overwrites the key bytes; the object is unusable afterwards. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnblockKey key && MessageDigest.isEqual(value, key.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "UnblockKey[AES-128]";
    }
}
