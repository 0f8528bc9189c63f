package fr.cartesagents.ra.unblock;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/**
 * Production keeps the master key of the card secrets in the HSM ({@code cartes.card-secrets.type=pkcs11}):
 * whoever reads a {@code file} master key can compute the PUK and the unblock key of every card, so
 * a file is refused, as the default that creates one on first start would be.
 */
public class CardSecretsProductionSettings implements ProductionSettings {

    static final String TYPE = "cartes.card-secrets.type";

    @Override
    public List<String> missing(Binder settings) {
        List<String> missing = new ArrayList<>();
        if (!"pkcs11".equals(settings.bind(TYPE, String.class).orElse(null))) {
            missing.add(TYPE + " = pkcs11 (a file master key is refused in production)");
        }
        for (String name : List.of("cartes.card-secrets.module", "cartes.card-secrets.token-label", "cartes.card-secrets.pin")) {
            if (ProductionSettings.blank(settings.bind(name, String.class).orElse(null))) {
                missing.add(name);
            }
        }
        return missing;
    }
}
