package fr.cartesagents.ca.profile;

import java.time.Period;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

import fr.cartesagents.ca.token.KeySpec;

/**
 * The configurable part of the profiles: policy identifiers, lifetimes and key types. The server
 * binds its configuration to this record; {@link ProfileCatalog#standard} turns it into profiles.
 *
 * @param policyArc                the OID arc the policy identifiers belong to (documentation and checks)
 * @param authenticationPolicyOid  policy of holder authentication certificates
 * @param signaturePolicyOid       policy of holder signature certificates
 * @param servicePolicyOid         policy of TLS server and client (service) certificates
 * @param holderValidity           holder certificates (RGS caps them at 3 years)
 * @param rootCaValidity           the offline root
 * @param issuingCaValidity        the online issuing CA
 * @param ocspSignerValidity       the delegated OCSP responder
 * @param serviceValidity          TLS server and client certificates
 * @param holderKeys               key types accepted in holder and service certificates
 * @param caKeys                   key types accepted for CA and OCSP signer keys
 */
public record PkiSettings(String policyArc, String authenticationPolicyOid, String signaturePolicyOid,
                          String servicePolicyOid, Period holderValidity, Period rootCaValidity,
                          Period issuingCaValidity, Period ocspSignerValidity, Period serviceValidity,
                          Set<KeySpec> holderKeys, Set<KeySpec> caKeys) {

    /** This project's own arc: a UUID-based OID (ITU-T X.667), which needs no registration. */
    public static final String PROJECT_POLICY_ARC = "2.25.151333981047706692989256962996369828955";
    /** The ANTS arc, for operators running under the ANTS certification policies. */
    public static final String ANTS_POLICY_ARC = "1.2.250.1.200";

    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");

    public PkiSettings {
        for (String oid : new String[] {policyArc, authenticationPolicyOid, signaturePolicyOid, servicePolicyOid}) {
            if (oid == null || !OID.matcher(oid).matches()) {
                throw new InvalidProfileException("not an OID: " + oid);
            }
        }
        if (authenticationPolicyOid.equals(signaturePolicyOid)) {
            throw new InvalidProfileException("authentication and signature certificates need distinct policies");
        }
        for (Period period : new Period[] {holderValidity, rootCaValidity, issuingCaValidity, ocspSignerValidity,
                serviceValidity}) {
            if (period == null || period.isZero() || period.isNegative()) {
                throw new InvalidProfileException("validity periods must be positive, got " + period);
            }
        }
        holderKeys = keys("holder", holderKeys);
        caKeys = keys("CA", caKeys);
    }

    /** Our own policy arc, holder certificates for 3 years, RSA 2048/3072 and ECDSA P-256/P-384 holder keys. */
    public static PkiSettings defaults() {
        return new PkiSettings(PROJECT_POLICY_ARC,
                PROJECT_POLICY_ARC + ".1.1",
                PROJECT_POLICY_ARC + ".1.2",
                PROJECT_POLICY_ARC + ".1.3",
                Period.ofYears(3), Period.ofYears(12), Period.ofYears(6), Period.ofYears(1), Period.ofYears(1),
                EnumSet.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.EC_P256, KeySpec.EC_P384),
                EnumSet.of(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.RSA_4096, KeySpec.EC_P256, KeySpec.EC_P384));
    }

    /**
     * The ANTS policy identifiers for ACT holder certificates (docs/certificate-profiles.md): signature
     * 1.2.250.1.200.2.5.1.2 as on the French trusted list, authentication 1.2.250.1.200.2.5.1.1. Service
     * certificates keep this project's policy, the ANTS arc defines none for them.
     */
    public static PkiSettings antsCompatible() {
        PkiSettings defaults = defaults();
        return new PkiSettings(ANTS_POLICY_ARC,
                ANTS_POLICY_ARC + ".2.5.1.1",
                ANTS_POLICY_ARC + ".2.5.1.2",
                defaults.servicePolicyOid(),
                defaults.holderValidity(), defaults.rootCaValidity(), defaults.issuingCaValidity(),
                defaults.ocspSignerValidity(), defaults.serviceValidity(), defaults.holderKeys(), defaults.caKeys());
    }

    public PkiSettings withHolderValidity(Period validity) {
        return new PkiSettings(policyArc, authenticationPolicyOid, signaturePolicyOid, servicePolicyOid, validity,
                rootCaValidity, issuingCaValidity, ocspSignerValidity, serviceValidity, holderKeys, caKeys);
    }

    public PkiSettings withHolderKeys(Set<KeySpec> keys) {
        return new PkiSettings(policyArc, authenticationPolicyOid, signaturePolicyOid, servicePolicyOid,
                holderValidity, rootCaValidity, issuingCaValidity, ocspSignerValidity, serviceValidity, keys, caKeys);
    }

    private static Set<KeySpec> keys(String what, Set<KeySpec> keys) {
        if (keys == null || keys.isEmpty()) {
            throw new InvalidProfileException("at least one " + what + " key type is required");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(keys));
    }
}
