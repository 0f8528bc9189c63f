package fr.cartesagents.bridge.localapi;

import java.util.Arrays;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

import fr.cartesagents.bridge.card.Pin;

/**
 * Reads a JSON string into a {@link Pin} straight from the parser's character buffer
 * ({@code getStringCharacters}), so that no {@link String} — immutable, unwipeable, possibly interned
 * or kept until the next garbage collection — is ever made of a PIN. Each PIN is handed to the
 * request's {@link ReceivedPins}, which wipes it once the request is over.
 */
final class PinDeserializer extends ValueDeserializer<Pin> {

    @Override
    public Pin deserialize(JsonParser parser, DeserializationContext context) {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return context.reportInputMismatch(Pin.class, "a PIN or unblock code is a JSON string of digits");
        }
        ReceivedPins received = (ReceivedPins) context.getAttribute(ReceivedPins.class);
        if (received == null) {
            throw new IllegalStateException("PINs are read only through SecretJson, which wipes them");
        }
        int offset = parser.getStringOffset();
        Pin pin = Pin.wrap(Arrays.copyOfRange(parser.getStringCharacters(), offset, offset + parser.getStringLength()));
        received.add(pin);
        return pin;
    }
}
