package fr.cartesagents.bridge.pcsc;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The IAS-ECC card families the driver recognises by their ATR (the list OpenSC's {@code iasecc}
 * driver keeps, with its masks), and where a family departs from the common IAS-ECC path. Only the
 * departures the driver's commands meet are kept here; everything else goes the common way, so a
 * card of an unlisted family is still driven as plain IAS-ECC.
 */
enum CardFamily {
    GEMALTO("IAS/ECC Gemalto", "3B7F96000000 31B86440701410 7394018082 9000", "FFFFFFFFFFFF FFFEFFFF0000FF FFFFFFFFFF FFFF"),
    OBERTHUR("IAS/ECC v1.0.1 Oberthur", "3BDD00008131FE4580F9A0000000770108000790 0000",
            "FFFF00FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF FF00"),
    SAGEM_MDW("IAS/ECC v1.0.1 Sagem MDW-IAS-CARD2", "3B7D1300004D44572D4941532D4341524432", null),
    SAGEM_YPSID_S3("IAS/ECC v1.0.1 Sagem ypsID S3", "3B7F1800000031B8645023ECC173940180829000", null),
    MORPHO_AGENT_CARD("IAS/ECC Morpho MinInt - Agent Card", "3BDF96008031FE450031B864041FECC1739401808290 00EC", null),
    AMOS("IAS/ECC v1.0.1 Amos", "3BDF18FF8191FE1FC30031B8640C01ECC173940180829000B3", null),
    /** An ATR OpenSC does not list: driven by the common IAS-ECC path. */
    UNLISTED("IAS-ECC (unlisted ATR)", "", null);

    private final String displayName;
    private final byte[] atr;
    private final byte[] mask;

    CardFamily(String displayName, String atrHex, String maskHex) {
        this.displayName = displayName;
        this.atr = HexFormat.of().parseHex(atrHex.replace(" ", ""));
        this.mask = maskHex == null ? null : HexFormat.of().parseHex(maskHex.replace(" ", ""));
    }

    static CardFamily of(byte[] cardAtr) {
        for (CardFamily family : List.of(values())) {
            if (family != UNLISTED && family.matches(cardAtr)) {
                return family;
            }
        }
        return UNLISTED;
    }

    String displayName() {
        return displayName;
    }

    /**
     * The serial number in the value of EF.SN's 5A object: its last 8 bytes. Sagem cards shift it
     * by one nibble (OpenSC reads "5A 0A 92 50 00 20 10 10 25 00 01 3F" as 0002010250001 3).
     */
    byte[] serialNumber(byte[] panValue) {
        int start = Math.max(0, panValue.length - 8);
        if (this == SAGEM_MDW || this == SAGEM_YPSID_S3) {
            int begin = Math.max(0, panValue.length - 9);
            byte[] serial = new byte[panValue.length - 1 - begin];
            for (int i = 0; i < serial.length; i++) {
                serial[i] = (byte) (((panValue[begin + i] & 0x0F) << 4) | ((panValue[begin + i + 1] & 0xF0) >>> 4));
            }
            return serial;
        }
        return Arrays.copyOfRange(panValue, start, panValue.length);
    }

    private boolean matches(byte[] cardAtr) {
        if (cardAtr.length != atr.length) {
            return false;
        }
        for (int i = 0; i < atr.length; i++) {
            int m = mask == null ? 0xFF : mask[i] & 0xFF;
            if ((cardAtr[i] & m) != (atr[i] & m)) {
                return false;
            }
        }
        return true;
    }
}
