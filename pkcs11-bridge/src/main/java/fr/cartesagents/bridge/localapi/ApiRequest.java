package fr.cartesagents.bridge.localapi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route sees it: its query parameters, its JSON body and the portal origin of the
 * page that sent it (empty for a request from no web page). The PINs read from the body belong to
 * {@code pins}, which the server wipes when the request is over.
 */
record ApiRequest(Map<String, String> query, byte[] body, ReceivedPins pins, Optional<String> origin) {

    static ApiRequest of(String rawQuery, byte[] body, ReceivedPins pins, Optional<String> origin) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        return new ApiRequest(Map.copyOf(query), body, pins, origin);
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(query.get(name)).filter(value -> !value.isBlank());
    }

    <T> T body(Class<T> type) {
        return SecretJson.read(body, type, pins);
    }
}
