package fr.cartesagents.ra.pki;

import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;

import fr.cartesagents.ra.config.ProductionSettings;

/** Production opens the keys of the ceremony: certificates, tokens, the HTTPS key store, the public URL. */
public class PkiProductionSettings implements ProductionSettings {

    @Override
    public List<String> missing(Binder settings) {
        return ProductionPki.missingPki(settings.bindOrCreate("cartes.pki", PkiProperties.class));
    }
}
