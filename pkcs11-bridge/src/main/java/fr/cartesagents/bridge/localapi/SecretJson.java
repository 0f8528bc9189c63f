package fr.cartesagents.bridge.localapi;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import fr.cartesagents.bridge.card.Pin;

/**
 * The JSON of the localhost API. Request bodies holding PINs are read with {@link PinDeserializer}
 * (no String of a PIN), strictly (unknown or repeated fields are refused, so that nothing is buffered
 * as text on the side), and without Jackson's buffer recycling, so that the parser's buffers holding
 * the raw body are not handed to the next request. Parse errors are never echoed: Jackson messages may
 * quote the input, so a refusal names only the field.
 */
final class SecretJson {

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .addModule(new SimpleModule("pins").addDeserializer(Pin.class, new PinDeserializer()))
            .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_ABSENT))
            .build();

    private SecretJson() {
    }

    /**
     * @throws ApiProblem {@code bad-request} naming the faulty field, never quoting the body
     */
    static <T> T read(byte[] body, Class<T> type, ReceivedPins pins) {
        try {
            T value = MAPPER.readerFor(type).withAttribute(ReceivedPins.class, pins).readValue(body);
            if (value == null) {
                throw ApiProblem.badRequest("The request body is empty: a JSON object is expected");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw ApiProblem.badRequest("Unknown field '" + e.getPropertyName() + "'");
        } catch (JacksonException e) {
            String field = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
                    .filter(java.util.Objects::nonNull).reduce((outer, inner) -> outer + "." + inner).orElse("");
            throw ApiProblem.badRequest(field.isEmpty() ? "The request body is not the JSON object this operation expects"
                    : "The field '" + field + "' is missing a value of the expected kind, or is repeated");
        }
    }

    static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }
}
