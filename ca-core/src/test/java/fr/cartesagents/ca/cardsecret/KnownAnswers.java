package fr.cartesagents.ca.cardsecret;

import java.util.HexFormat;

/**
 * Vectors computed with OpenSSL 3.0, independently of this code:
 *
 * <pre>
 * M=000102...1f                       # master key, 32 bytes
 * # SP 800-108 counter-mode input: 00000001 || label || 00 || serial || [L]_32
 * printf '00000001' + hex("CARTES-AGENTS PUK v1") + '00' + hex("0123456789ABCDEF") + '00000100' \
 *   | xxd -r -p | openssl mac -digest SHA256 -macopt hexkey:$M HMAC
 *   -> 28C739876D9D5873...  ; 0x28C739876D9D5873 mod 10^8 = 04934515
 * same with "CARTES-AGENTS UNBLOCK KEY v1" and '00000080'
 *   -> 10AC1ACE07BF7D53E0FA97271F055719... (first 16 bytes: the AES-128 key)
 * echo -n 1122334455667788 | xxd -r -p | openssl mac -cipher AES-128-CBC -macopt hexkey:10AC...5719 CMAC
 *   -> E2E7128FE407433A13EE54B82CA6E299
 * </pre>
 */
final class KnownAnswers {

    static final CardSerial SERIAL = new CardSerial("0123456789ABCDEF");
    static final String PUK = "04934515";
    static final String UNBLOCK_KEY = "10AC1ACE07BF7D53E0FA97271F055719";
    static final String RESPONSE = "E2E7128FE407433A13EE54B82CA6E299";

    private KnownAnswers() {
    }

    static byte[] masterKey() {
        return HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    }

    static byte[] challenge() {
        return HexFormat.of().parseHex("1122334455667788");
    }
}
