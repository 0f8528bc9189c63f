package fr.cartesagents.ra.collectivity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code cartes.reference-data.*}: whether the demo start imports the Nord extract into an empty table (default yes). */
@ConfigurationProperties("cartes.reference-data")
public record ReferenceDataProperties(@DefaultValue("true") boolean demoExtract) {
}
