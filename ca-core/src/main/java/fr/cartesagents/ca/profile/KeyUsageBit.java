package fr.cartesagents.ca.profile;

import java.util.EnumSet;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyUsage;

/** The key usage bits of RFC 5280 section 4.2.1.3 that profiles use, mapped to BouncyCastle's bit masks. */
public enum KeyUsageBit {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature),
    /** Called contentCommitment in recent X.509 editions; RGS signature certificates set it alone. */
    NON_REPUDIATION(KeyUsage.nonRepudiation),
    KEY_ENCIPHERMENT(KeyUsage.keyEncipherment),
    DATA_ENCIPHERMENT(KeyUsage.dataEncipherment),
    KEY_AGREEMENT(KeyUsage.keyAgreement),
    KEY_CERT_SIGN(KeyUsage.keyCertSign),
    CRL_SIGN(KeyUsage.cRLSign);

    private final int mask;

    KeyUsageBit(int mask) {
        this.mask = mask;
    }

    /** BouncyCastle's mask for this bit, as {@link KeyUsage#KeyUsage(int)} expects. */
    public int mask() {
        return mask;
    }

    /** Only RSA keys encrypt; RFC 8813 forbids keyEncipherment and dataEncipherment for EC keys. */
    public boolean requiresRsaKey() {
        return this == KEY_ENCIPHERMENT || this == DATA_ENCIPHERMENT;
    }

    public static KeyUsage toKeyUsage(Set<KeyUsageBit> bits) {
        int mask = 0;
        for (KeyUsageBit bit : bits) {
            mask |= bit.mask;
        }
        return new KeyUsage(mask);
    }

    /** The bits of {@code keyUsage} that this enum knows; unknown bits (encipherOnly, decipherOnly) are dropped. */
    public static Set<KeyUsageBit> fromKeyUsage(KeyUsage keyUsage) {
        EnumSet<KeyUsageBit> bits = EnumSet.noneOf(KeyUsageBit.class);
        for (KeyUsageBit bit : values()) {
            if (keyUsage.hasUsages(bit.mask)) {
                bits.add(bit);
            }
        }
        return bits;
    }
}
