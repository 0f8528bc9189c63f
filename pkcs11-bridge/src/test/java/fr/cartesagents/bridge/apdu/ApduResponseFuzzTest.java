package fr.cartesagents.bridge.apdu;

import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.cartesagents.bridge.card.CardException;

/**
 * A card (or a reader, or a relay pretending to be one) answers whatever it likes: the exchange
 * (GET RESPONSE loops, wrong-Le retries, command chaining) and the TLV reader must end with a response
 * or a {@link CardException}, never another exception, never a loop without end.
 */
public class ApduResponseFuzzTest {

    /** Entry point of Jazzer's own driver for long runs (docs/fuzzing.md): the chained exchange target. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        new ApduResponseFuzzTest().cardAnswersEndInAResponseOrACardException(data);
    }

    @FuzzTest(maxDuration = "10s")
    void cardAnswersEndInAResponseOrACardException(FuzzedDataProvider data) {
        int commandLength = data.consumeInt(0, 600);
        ApduTransport card = command -> {
            byte[] body = data.consumeBytes(data.consumeInt(0, 300));
            byte[] response = new byte[body.length + 2];
            System.arraycopy(body, 0, response, 0, body.length);
            // once the input is used up the card says 9000, so every exchange ends
            response[body.length] = data.remainingBytes() > 0 ? data.consumeByte() : (byte) 0x90;
            response[body.length + 1] = data.remainingBytes() > 0 ? data.consumeByte() : 0x00;
            return new ResponseAPDU(response);
        };
        try {
            ResponseAPDU response = new ApduExchange(card).transmitChained(new CommandAPDU(0x00, 0xDB, 0x3F, 0xFF,
                    new byte[commandLength], 256));
            Tlv.find(response.getData(), data.consumeInt(0, 0xFFFF));
        } catch (CardException expected) {
            // a card error, reported as such
        }
    }

    @FuzzTest(maxDuration = "10s")
    void tlvDataIsReadOrIgnored(FuzzedDataProvider data) {
        int tag = data.consumeInt(0, 0xFFFF);
        Tlv.find(data.consumeRemainingAsBytes(), tag);
    }
}
