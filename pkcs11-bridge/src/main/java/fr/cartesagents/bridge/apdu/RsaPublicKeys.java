package fr.cartesagents.bridge.apdu;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Optional;

/** The ISO 7816-8 public key template (7F49: 81 modulus, 82 exponent) of an RSA key, both ways. */
public final class RsaPublicKeys {

    private RsaPublicKeys() {
    }

    public static byte[] template(RSAPublicKey key) {
        return Tlv.encode(AgentCardLayout.PUBLIC_KEY_TEMPLATE, Tlv.concatenate(
                Tlv.encode(AgentCardLayout.RSA_MODULUS, unsigned(key.getModulus())),
                Tlv.encode(AgentCardLayout.RSA_EXPONENT, unsigned(key.getPublicExponent()))));
    }

    /** The PKCS#1 RSAPublicKey DER of {@code key}: the content of a PKCS#15 public key file. */
    public static byte[] pkcs1(RSAPublicKey key) {
        try {
            return new org.bouncycastle.asn1.pkcs.RSAPublicKey(key.getModulus(), key.getPublicExponent()).getEncoded();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot encode an RSA public key", e);
        }
    }

    /** The key in the first 7F49 template of {@code data}, if there is one and it is well formed. */
    public static Optional<PublicKey> fromTemplate(byte[] data) {
        Optional<byte[]> inner = Tlv.find(data, AgentCardLayout.PUBLIC_KEY_TEMPLATE);
        if (inner.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> modulus = Tlv.find(inner.get(), AgentCardLayout.RSA_MODULUS);
        Optional<byte[]> exponent = Tlv.find(inner.get(), AgentCardLayout.RSA_EXPONENT);
        if (modulus.isEmpty() || exponent.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(new BigInteger(1, modulus.get()), new BigInteger(1, exponent.get()))));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
