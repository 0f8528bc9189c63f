package fr.cartesagents.ra.security;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/** Production has no demo login: at least one administrator's certificate fingerprint. */
public class SecurityProductionSettings implements ProductionSettings {

    static final String ADMINISTRATORS = "cartes.security.administrator-fingerprints";

    @Override
    public List<String> missing(Binder settings) {
        // A list: bound, so that both the comma-separated and the YAML-indexed forms count.
        boolean none = settings.bind(ADMINISTRATORS, Bindable.listOf(String.class))
                .map(fingerprints -> fingerprints.stream().allMatch(ProductionSettings::blank)).orElse(true);
        return none ? List.of(ADMINISTRATORS) : List.of();
    }
}
