package fr.cartesagents.ra.config;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * What one feature needs configured under the {@code production} profile, which creates nothing
 * (no key, no embedded database). Implementations are listed in {@code META-INF/spring.factories}
 * under this interface's name; {@link ProductionSettingsCheck} asks them all before anything starts,
 * so that one message names every missing property.
 */
public interface ProductionSettings {

    /** The properties this feature needs that {@code settings} leaves unset or blank, in the order to show them. */
    List<String> missing(Binder settings);

    /** Whether a bound value counts as unset. */
    static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }
}
