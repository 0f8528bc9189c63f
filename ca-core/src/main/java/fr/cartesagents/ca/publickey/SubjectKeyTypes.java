package fr.cartesagents.ca.publickey;

import java.io.IOException;
import java.math.BigInteger;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

import fr.cartesagents.ca.publickey.UnacceptableKeyException.Defect;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The key type of a subject public key, for the keys the CA can certify at all: strong enough and of a
 * known type. Whether a given profile accepts that type is the issuance's and the lint's question.
 */
public final class SubjectKeyTypes {

    /** RSA below this is factorable within the certificates' lifetime (ANSSI RGS annex B1). */
    static final int MIN_RSA_BITS = 2048;
    /** F4: the smallest exponent ANSSI and NIST SP 800-89 accept. */
    static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
    static final int MIN_EC_BITS = 256;

    private SubjectKeyTypes() {
    }

    /**
     * The key type of {@code publicKey}.
     *
     * @throws UnacceptableKeyException {@code WEAK}, {@code TYPE_NOT_ACCEPTED} for a sound key of a type
     *                                  no profile knows, {@code MALFORMED} for a key that does not decode
     */
    public static KeySpec of(SubjectPublicKeyInfo publicKey) {
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
            return rsaKeySpec(publicKey);
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return ecKeySpec(publicKey);
        }
        throw new UnacceptableKeyException(Defect.TYPE_NOT_ACCEPTED,
                "key algorithm " + algorithm.getId() + " is not accepted; use RSA or ECDSA on P-256/P-384");
    }

    private static KeySpec rsaKeySpec(SubjectPublicKeyInfo publicKey) {
        RSAPublicKey rsa;
        try {
            rsa = RSAPublicKey.getInstance(publicKey.parsePublicKey());
        } catch (IOException | RuntimeException e) {
            throw new UnacceptableKeyException(Defect.MALFORMED, "the RSA public key does not decode");
        }
        BigInteger modulus = rsa.getModulus();
        BigInteger exponent = rsa.getPublicExponent();
        int bits = modulus.bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new UnacceptableKeyException(Defect.WEAK,
                    "RSA key of " + bits + " bits; at least " + MIN_RSA_BITS + " are required");
        }
        if (!modulus.testBit(0) || !exponent.testBit(0) || exponent.compareTo(MIN_RSA_EXPONENT) < 0) {
            throw new UnacceptableKeyException(Defect.WEAK,
                    "RSA public exponent must be odd and at least 65537 (and the modulus odd)");
        }
        return switch (bits) {
            case 2048 -> KeySpec.RSA_2048;
            case 3072 -> KeySpec.RSA_3072;
            case 4096 -> KeySpec.RSA_4096;
            default -> throw new UnacceptableKeyException(Defect.TYPE_NOT_ACCEPTED,
                    "RSA key of " + bits + " bits; accepted sizes are 2048, 3072 and 4096");
        };
    }

    private static KeySpec ecKeySpec(SubjectPublicKeyInfo publicKey) {
        if (!(publicKey.getAlgorithm().getParameters() instanceof ASN1ObjectIdentifier curve)) {
            // RFC 5480 section 2.1.1: only named curves; explicit parameters hide weak curves.
            throw new UnacceptableKeyException(Defect.TYPE_NOT_ACCEPTED, "EC keys must use a named curve");
        }
        X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
        if (parameters == null) {
            throw new UnacceptableKeyException(Defect.TYPE_NOT_ACCEPTED, "unknown EC curve " + curve.getId());
        }
        int bits = parameters.getCurve().getFieldSize();
        if (bits < MIN_EC_BITS) {
            throw new UnacceptableKeyException(Defect.WEAK,
                    "EC curve " + curve.getId() + " has " + bits + " bits; at least " + MIN_EC_BITS + " are required");
        }
        KeySpec spec;
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            spec = KeySpec.EC_P256;
        } else if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            spec = KeySpec.EC_P384;
        } else {
            throw new UnacceptableKeyException(Defect.TYPE_NOT_ACCEPTED,
                    "EC curve " + curve.getId() + " is not accepted; use P-256 or P-384");
        }
        try {
            ECPoint point = parameters.getCurve().decodePoint(publicKey.getPublicKeyData().getOctets());
            if (point.isInfinity() || !point.isValid()) {
                throw new IllegalArgumentException("not a valid point");
            }
        } catch (RuntimeException e) {
            throw new UnacceptableKeyException(Defect.MALFORMED, "the EC public key is not a point of its curve");
        }
        return spec;
    }
}
