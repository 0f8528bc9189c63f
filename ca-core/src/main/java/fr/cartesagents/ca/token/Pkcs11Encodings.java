package fr.cartesagents.ca.token;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/** Conversions between what a PKCS#11 token speaks (raw attributes, raw signatures) and X.509 encodings. */
public final class Pkcs11Encodings {

    private Pkcs11Encodings() {
    }

    /** DER of the named curve OID, as CKA_EC_PARAMS wants it. */
    public static byte[] ecParameters(KeySpec spec) {
        ASN1ObjectIdentifier oid = ECNamedCurveTable.getOID(spec.curveName());
        try {
            return oid.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DigestInfo that CKM_RSA_PKCS pads and signs, making it RSASSA-PKCS1-v1_5 over {@code digest}. */
    public static byte[] rsaDigestInfo(SignatureAlgorithm algorithm, byte[] digest) {
        ASN1ObjectIdentifier digestOid = switch (algorithm.digestName()) {
            case "SHA-256" -> NISTObjectIdentifiers.id_sha256;
            case "SHA-384" -> NISTObjectIdentifiers.id_sha384;
            case "SHA-512" -> NISTObjectIdentifiers.id_sha512;
            default -> throw new CryptoTokenException("Unsupported digest " + algorithm.digestName());
        };
        try {
            return new DigestInfo(new AlgorithmIdentifier(digestOid, DERNull.INSTANCE), digest).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** CKM_ECDSA returns r||s, each half the length; X.509 wants SEQUENCE { INTEGER r, INTEGER s }. */
    public static byte[] ecdsaSignatureToDer(byte[] raw) {
        if (raw.length == 0 || raw.length % 2 != 0) {
            throw new CryptoTokenException("The token returned a malformed ECDSA signature of " + raw.length + " bytes");
        }
        int half = raw.length / 2;
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length));
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)}).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PublicKey rsaPublicKey(BigInteger modulus, BigInteger publicExponent) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, publicExponent));
    }

    /**
     * Builds a JCA key from CKA_EC_PARAMS (a named-curve OID) and CKA_EC_POINT, which the standard
     * wraps in a DER OCTET STRING but some tokens return bare.
     */
    public static PublicKey ecPublicKey(byte[] ecParams, byte[] ecPoint) throws GeneralSecurityException {
        ASN1ObjectIdentifier curve;
        try {
            curve = ASN1ObjectIdentifier.getInstance(ecParams);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("Only named curves are supported", e);
        }
        X9ECParameters parameters = ECNamedCurveTable.getByOID(curve);
        if (parameters == null) {
            throw new GeneralSecurityException("Unknown curve " + curve);
        }
        int fieldBytes = (parameters.getCurve().getFieldSize() + 7) / 8;
        byte[] point = ecPoint;
        boolean bareUncompressed = ecPoint.length == 2 * fieldBytes + 1 && ecPoint[0] == 0x04;
        if (!bareUncompressed) {
            try {
                point = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(ecPoint)).getOctets();
            } catch (IOException | IllegalArgumentException e) {
                throw new GeneralSecurityException("Unreadable CKA_EC_POINT", e);
            }
        }
        try {
            byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), point)
                    .getEncoded(ASN1Encoding.DER);
            return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
