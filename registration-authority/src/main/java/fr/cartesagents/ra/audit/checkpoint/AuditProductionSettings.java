package fr.cartesagents.ra.audit.checkpoint;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/** Production keeps the audit signing key where the operator says, with its password. */
public class AuditProductionSettings implements ProductionSettings {

    @Override
    public List<String> missing(Binder settings) {
        return AuditSigningConfiguration.missing(settings.bind(AuditSigningConfiguration.KEY_STORE, String.class).orElse(null),
                settings.bind(AuditSigningConfiguration.KEY_STORE_PASSWORD, String.class).orElse(null));
    }
}
