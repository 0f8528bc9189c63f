package fr.cartesagents.ca.issuance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Subject key pairs (generated once per JVM, RSA generation is slow) and PKCS#10 requests over them. */
public final class TestKeys {

    private static final Map<String, KeyPair> CACHE = new ConcurrentHashMap<>();

    private TestKeys() {
    }

    public static KeyPair rsa(int bits) {
        return rsa(bits, RSAKeyGenParameterSpec.F4);
    }

    public static KeyPair rsa(int bits, BigInteger exponent) {
        return CACHE.computeIfAbsent("RSA-" + bits + "-" + exponent, k -> generate("RSA", new RSAKeyGenParameterSpec(bits, exponent)));
    }

    /** "secp256r1", "secp384r1", "secp521r1", "secp256k1"... */
    public static KeyPair ec(String curve) {
        return CACHE.computeIfAbsent("EC-" + curve, k -> generate("EC", new ECGenParameterSpec(curve)));
    }

    /** A PKCS#10 request signed by {@code keyPair}'s private key (SHA-256, or SHA-384 for P-384 and up). */
    public static byte[] csr(KeyPair keyPair) {
        String algorithm = switch (keyPair.getPublic().getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            default -> "SHA256withECDSA";
        };
        return csr(keyPair, algorithm);
    }

    public static byte[] csr(KeyPair keyPair, String signatureAlgorithm) {
        try {
            return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=ignored by the CA"), keyPair.getPublic())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).build(keyPair.getPrivate()))
                    .getEncoded();
        } catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(spec);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
