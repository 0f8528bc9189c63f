package fr.cartesagents.bridge.pkcs15;

import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_AODF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_CDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_ODF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_PRKDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_PUKDF;
import static fr.cartesagents.bridge.apdu.AgentCardLayout.EF_TOKEN_INFO;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERTaggedObject;

import fr.cartesagents.bridge.apdu.AgentCardLayout;
import fr.cartesagents.bridge.card.KeyRole;

/**
 * The contents of the PKCS#15 application's files for what the card holds: EF.ODF pointing at the
 * other directories, EF.TokenInfo (serial, label, the algorithms the card computes), the AODF (user
 * PIN and its PUK), the PrKDF and PuKDF (one entry per generated key pair) and the CDF (one entry per
 * stored certificate). A key, its public key and its certificate share the role's identifier and
 * label, which is how PKCS#15 and PKCS#11 readers pair them.
 */
public final class Pkcs15Files {

    /** ODF choice tags: privateKeys [0], publicKeys [1], certificates [4], authObjects [8]. */
    private static final int ODF_PRIVATE_KEYS = 0;
    private static final int ODF_PUBLIC_KEYS = 1;
    private static final int ODF_CERTIFICATES = 4;
    private static final int ODF_AUTH_OBJECTS = 8;

    private Pkcs15Files() {
    }

    /** The directory of a card whose key pairs are on their own references (never renewed over PC/SC). */
    public static Map<Integer, byte[]> of(byte[] serialNumber, Map<KeyRole, RSAPublicKey> keys, Set<KeyRole> certified) {
        Map<KeyRole, Integer> own = new java.util.EnumMap<>(KeyRole.class);
        for (KeyRole role : KeyRole.values()) {
            own.put(role, AgentCardLayout.keyReference(role));
        }
        return of(serialNumber, keys, certified, own);
    }

    /**
     * @param serialNumber the card serial (EF.SN), also the token's serial
     * @param keys         the public key of each role whose key pair exists on the card
     * @param certified    the roles whose certificate file holds a certificate
     * @param keyReferences the on-card reference of each role's key pair in use (after a renewal, it may be the role's
     *                      renewal key reference, {@link AgentCardLayout#renewalKeyReference})
     * @return the contents of each file, by file identifier
     */
    public static Map<Integer, byte[]> of(byte[] serialNumber, Map<KeyRole, RSAPublicKey> keys, Set<KeyRole> certified,
                                          Map<KeyRole, Integer> keyReferences) {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Map<Integer, byte[]> files = new LinkedHashMap<>();
        files.put(EF_ODF, concatenated(
                odfEntry(ODF_AUTH_OBJECTS, EF_AODF),
                odfEntry(ODF_PRIVATE_KEYS, EF_PRKDF),
                odfEntry(ODF_PUBLIC_KEYS, EF_PUKDF),
                odfEntry(ODF_CERTIFICATES, EF_CDF)));
        files.put(EF_TOKEN_INFO, der(TokenInfo.of(serialNumber)));
        files.put(EF_AODF, concatenated(AuthenticationObjects.userPin(), AuthenticationObjects.puk()));
        files.put(EF_PRKDF, concatenated(keys.entrySet().stream()
                .map(entry -> KeyObjects.privateKey(entry.getKey(), entry.getValue(), keyReferences.get(entry.getKey())))
                .toArray(ASN1Encodable[]::new)));
        files.put(EF_PUKDF, concatenated(keys.entrySet().stream()
                .map(entry -> KeyObjects.publicKey(entry.getKey(), entry.getValue())).toArray(ASN1Encodable[]::new)));
        files.put(EF_CDF, concatenated(certified.stream().map(KeyObjects::certificate).toArray(ASN1Encodable[]::new)));
        return files;
    }

    private static ASN1Encodable odfEntry(int tag, int fileId) {
        return new DERTaggedObject(true, tag, Paths.inApplication(fileId));
    }

    /** PKCS#15 directory files are a plain concatenation of DER objects (no enclosing SEQUENCE). */
    private static byte[] concatenated(ASN1Encodable... objects) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (ASN1Encodable object : objects) {
            out.writeBytes(der(object));
        }
        return out.toByteArray();
    }

    static byte[] der(ASN1Encodable object) {
        try {
            return object.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a PKCS#15 object", e);
        }
    }

    /** The files written at personalization, in the order a reader would miss them least. */
    public static int[] fileIds() {
        return new int[] {AgentCardLayout.EF_AODF, AgentCardLayout.EF_PRKDF, AgentCardLayout.EF_PUKDF, AgentCardLayout.EF_CDF,
                AgentCardLayout.EF_TOKEN_INFO, AgentCardLayout.EF_ODF};
    }
}
