package fr.cartesagents.ra.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Audit event details from key/value pairs, leaving out the absent values. */
public final class AuditDetails {

    private AuditDetails() {
    }

    public static Map<String, String> of(String... keysAndValues) {
        Map<String, String> details = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                details.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return details;
    }
}
