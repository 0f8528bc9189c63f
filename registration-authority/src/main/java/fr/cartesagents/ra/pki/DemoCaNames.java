package fr.cartesagents.ra.pki;

import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;

import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Who the demo ceremony's CAs are ({@code cartes.pki.demo.*}): their distinguished names and the
 * issuing CA's key type. The root and the OCSP signer keep RSA 2048, which every relying party reads.
 */
record DemoCaNames(X500Name root, X500Name issuing, X500Name ocsp, KeySpec issuingKey) {

    static final String PREFIX = "cartes.pki.demo.";

    static DemoCaNames defaults() {
        return new DemoCaNames(DemoCeremony.ROOT_NAME, DemoCeremony.ISSUING_NAME, DemoCeremony.OCSP_NAME, KeySpec.RSA_2048);
    }

    /** The configured values over the defaults; a DN that does not parse or a key type CAs may not use stops the start. */
    static DemoCaNames from(PkiProperties.Demo demo, PkiSettings settings) {
        DemoCaNames defaults = defaults();
        KeySpec issuingKey = defaults.issuingKey();
        if (demo.issuingKeyType() != null) {
            issuingKey = ConfiguredPkiSettings.keyTypes(PREFIX + "issuing-key-type", List.of(demo.issuingKeyType()))
                    .iterator().next();
            if (!settings.caKeys().contains(issuingKey)) {
                throw new IllegalStateException(PREFIX + "issuing-key-type " + issuingKey + " is not a CA key type; allowed: "
                        + settings.caKeys());
            }
        }
        return new DemoCaNames(name(PREFIX + "root-name", demo.rootName(), defaults.root()),
                name(PREFIX + "issuing-name", demo.issuingName(), defaults.issuing()),
                name(PREFIX + "ocsp-name", demo.ocspName(), defaults.ocsp()),
                issuingKey);
    }

    private static X500Name name(String property, String configured, X500Name fallback) {
        if (configured == null) {
            return fallback;
        }
        try {
            X500Name name = new X500Name(configured.strip());
            if (name.getRDNs().length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return name;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " must be a distinguished name such as "
                    + "'CN=AC Racine,O=Ville de Moissac,C=FR', not '" + configured + "'", e);
        }
    }
}
