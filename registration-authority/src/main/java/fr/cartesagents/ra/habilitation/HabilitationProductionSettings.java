package fr.cartesagents.ra.habilitation;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/** Production signs habilitation statements with the operator's EC P-256 key store. */
public class HabilitationProductionSettings implements ProductionSettings {

    @Override
    public List<String> missing(Binder settings) {
        return List.of("cartes.habilitation.signing.key-store", "cartes.habilitation.signing.key-store-password").stream()
                .filter(name -> ProductionSettings.blank(settings.bind(name, String.class).orElse(null)))
                .toList();
    }
}
