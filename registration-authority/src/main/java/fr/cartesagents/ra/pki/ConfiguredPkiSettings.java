package fr.cartesagents.ra.pki;

import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import fr.cartesagents.ca.profile.InvalidProfileException;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.KeySpec;

/**
 * The server's {@link PkiSettings}: the policy set chosen by {@code cartes.pki.policy-set}, with the
 * overrides of {@code cartes.pki.profiles.*}. A wrong value stops the start with a message that
 * names its property, since a typo here would otherwise be signed into every certificate.
 */
final class ConfiguredPkiSettings {

    static final String POLICY_SET = "cartes.pki.policy-set";
    static final String PREFIX = "cartes.pki.profiles.";
    static final String AUTHENTICATION_POLICY_OID = PREFIX + "authentication-policy-oid";
    static final String SIGNATURE_POLICY_OID = PREFIX + "signature-policy-oid";
    static final String SERVICE_POLICY_OID = PREFIX + "service-policy-oid";
    static final String HOLDER_VALIDITY = PREFIX + "holder-validity";
    static final String HOLDER_KEY_TYPES = PREFIX + "holder-key-types";

    /** Dotted decimal; the first arc 0, 1 or 2 (X.660). Same rule as ca-core's PkiSettings. */
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    private ConfiguredPkiSettings() {
    }

    static PkiSettings from(String policySet, PkiProperties.Profiles overrides) {
        PkiSettings preset = preset(policySet);
        String authentication = oid(AUTHENTICATION_POLICY_OID, overrides.authenticationPolicyOid(), preset.authenticationPolicyOid());
        String signature = oid(SIGNATURE_POLICY_OID, overrides.signaturePolicyOid(), preset.signaturePolicyOid());
        String service = oid(SERVICE_POLICY_OID, overrides.servicePolicyOid(), preset.servicePolicyOid());
        if (authentication.equals(signature)) {
            throw new IllegalStateException(AUTHENTICATION_POLICY_OID + " and " + SIGNATURE_POLICY_OID
                    + " must differ (relying parties tell the two certificates of a card apart by their policy), both are "
                    + authentication);
        }
        Period holderValidity = overrides.holderValidity() == null ? preset.holderValidity() : overrides.holderValidity();
        if (holderValidity.isZero() || holderValidity.isNegative()) {
            throw new IllegalStateException(HOLDER_VALIDITY + " must be a positive period such as P3Y, not " + holderValidity);
        }
        Set<KeySpec> holderKeys = overrides.holderKeyTypes() == null
                ? preset.holderKeys() : keyTypes(HOLDER_KEY_TYPES, overrides.holderKeyTypes());
        try {
            return new PkiSettings(preset.policyArc(), authentication, signature, service, holderValidity,
                    preset.rootCaValidity(), preset.issuingCaValidity(), preset.ocspSignerValidity(), preset.serviceValidity(),
                    holderKeys, preset.caKeys());
        } catch (InvalidProfileException e) {
            throw new IllegalStateException("cartes.pki.profiles: " + e.getMessage(), e);
        }
    }

    private static PkiSettings preset(String policySet) {
        return switch (policySet) {
            case "default" -> PkiSettings.defaults();
            case "ants-compatible" -> PkiSettings.antsCompatible();
            default -> throw new IllegalStateException(POLICY_SET + " must be 'default' or 'ants-compatible', not '"
                    + policySet + "'");
        };
    }

    private static String oid(String property, String configured, String preset) {
        if (configured == null) {
            return preset;
        }
        String value = configured.strip();
        if (!OID.matcher(value).matches()) {
            throw new IllegalStateException(property + " must be an OID in dotted decimal form such as "
                    + PkiSettings.ANTS_POLICY_ARC + ".2.5.1.2, not '" + configured + "'");
        }
        return value;
    }

    /** Key type names as {@link KeySpec} spells them; weak keys (RSA 1024…) have no name there. */
    static Set<KeySpec> keyTypes(String property, List<String> names) {
        List<String> unknown = new ArrayList<>();
        Set<KeySpec> keys = EnumSet.noneOf(KeySpec.class);
        for (String name : names) {
            String normalized = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
            try {
                keys.add(KeySpec.valueOf(normalized));
            } catch (IllegalArgumentException e) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(property + " holds unknown or weak key types " + unknown
                    + "; allowed: " + Arrays.toString(KeySpec.values()));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(property + " must name at least one key type of " + Arrays.toString(KeySpec.values()));
        }
        return keys;
    }
}
