package fr.cartesagents.ca.cardsecret;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Card secrets derived with the key-derivation function of NIST SP 800-108 in counter mode, with
 * HMAC-SHA256 under the master key as PRF, the card serial as context and one label per secret.
 *
 * <p>Why this derivation: real IAS-ECC deployments diversify their card-management keys per card
 * from a master key and the card serial (as GlobalPlatform and EMV issuers do), so that one card's
 * key opens no other card. SP 800-108 with HMAC is the standard way to do it, and CKM_SHA256_HMAC is
 * offered by every PKCS#11 token (SoftHSM2 included) with a non-extractable key, whereas on-token
 * derivation mechanisms (CKM_SP800_108_*, CKM_AES_ECB_ENCRYPT_DATA) vary between HSMs. The per-card
 * values exist only briefly in memory; the master key stays in the token.
 */
public final class DerivedCardSecrets implements CardSecrets {

    static final String PUK_LABEL = "CARTES-AGENTS PUK v1";
    static final String UNBLOCK_KEY_LABEL = "CARTES-AGENTS UNBLOCK KEY v1";
    private static final BigInteger PUK_MODULUS = BigInteger.TEN.pow(Puk.LENGTH);
    /** 64 bits reduced modulo 10^8: the bias (below 2^-37) is far under one guess. */
    private static final int PUK_SOURCE_BYTES = 8;

    private final MasterKey masterKey;

    public DerivedCardSecrets(MasterKey masterKey) {
        this.masterKey = Objects.requireNonNull(masterKey, "masterKey");
    }

    @Override
    public Puk puk(CardSerial serial) {
        byte[] block = derive(PUK_LABEL, serial, 256);
        try {
            BigInteger value = new BigInteger(1, Arrays.copyOf(block, PUK_SOURCE_BYTES)).mod(PUK_MODULUS);
            String digits = value.toString();
            return new Puk("0".repeat(Puk.LENGTH - digits.length()) + digits);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    @Override
    public UnblockKey unblockKey(CardSerial serial) {
        byte[] block = derive(UNBLOCK_KEY_LABEL, serial, UnblockKey.LENGTH * 8);
        byte[] key = Arrays.copyOf(block, UnblockKey.LENGTH);
        try {
            return new UnblockKey(key);
        } finally {
            Arrays.fill(block, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    @Override
    public byte[] unblockResponse(CardSerial serial, byte[] challenge) {
        UnblockKey key = unblockKey(serial);
        try {
            return key.respond(challenge);
        } finally {
            key.wipe();
        }
    }

    /** One PRF block of SP 800-108 counter mode: [1]_32 || label || 0x00 || context || [L]_32. */
    private byte[] derive(String label, CardSerial serial, int outputBits) {
        Objects.requireNonNull(serial, "serial");
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        input.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
        input.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        input.write(0);
        input.writeBytes(serial.value().getBytes(StandardCharsets.US_ASCII));
        input.writeBytes(ByteBuffer.allocate(4).putInt(outputBits).array());
        return masterKey.hmacSha256(input.toByteArray());
    }

    @Override
    public String toString() {
        return "card secrets derived from the " + masterKey.description();
    }
}
