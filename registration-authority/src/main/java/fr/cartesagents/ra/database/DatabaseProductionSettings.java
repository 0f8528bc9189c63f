package fr.cartesagents.ra.database;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/** Production uses an external PostgreSQL: its URL and credentials. */
public class DatabaseProductionSettings implements ProductionSettings {

    @Override
    public List<String> missing(Binder settings) {
        return List.of("spring.r2dbc.url", "spring.r2dbc.username", "spring.r2dbc.password").stream()
                .filter(name -> ProductionSettings.blank(settings.bind(name, String.class).orElse(null)))
                .toList();
    }
}
