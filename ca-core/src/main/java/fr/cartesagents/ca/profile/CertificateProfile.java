package fr.cartesagents.ca.profile;

import java.time.Period;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import fr.cartesagents.ca.token.KeySpec;

/**
 * What every certificate of one kind must look like. Built once from settings and validated here, so
 * that a profile which contradicts itself stops the start-up instead of producing a bad certificate.
 *
 * @param name                      the name callers ask for ("authentication", "issuing-ca"…)
 * @param keyUsage                  key usage bits; for an EC subject key the RSA-only bits are dropped (see {@link #keyUsageFor})
 * @param extendedKeyUsageOids      EKU purposes, empty for no EKU extension
 * @param policyOids                certificate policies, empty for no policies extension
 * @param validity                  the lifetime from issuance, capped by the issuer's notAfter
 * @param allowedKeys               subject key types this profile certifies
 * @param pathLength                basicConstraints pathLenConstraint, CA profiles only
 * @param ocspNoCheck               adds id-pkix-ocsp-nocheck (OCSP signers only)
 * @param includeRevocationPointers adds the CRL distribution point and AIA of the issuer
 */
public record CertificateProfile(String name, ProfileKind kind, Set<KeyUsageBit> keyUsage, boolean keyUsageCritical,
                                 List<String> extendedKeyUsageOids, List<String> policyOids, Period validity,
                                 Set<KeySpec> allowedKeys, OptionalInt pathLength, boolean ocspNoCheck,
                                 boolean includeRevocationPointers) {

    private static final Pattern PROFILE_NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern OID = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final String OCSP_SIGNING = KeyPurposeId.id_kp_OCSPSigning.getId();
    private static final String ANY_EXTENDED_KEY_USAGE = KeyPurposeId.anyExtendedKeyUsage.getId();

    public CertificateProfile {
        require(name != null && PROFILE_NAME.matcher(name).matches(),
                "profile name must be lower-case words separated by hyphens, got " + name);
        require(kind != null, "profile " + name + ": kind is required");
        require(keyUsage != null && !keyUsage.isEmpty(), "profile " + name + ": at least one key usage is required");
        keyUsage = Collections.unmodifiableSet(EnumSet.copyOf(keyUsage));
        extendedKeyUsageOids = oids(name, "extended key usage", extendedKeyUsageOids);
        policyOids = oids(name, "policy", policyOids);
        require(validity != null && !validity.isZero() && !validity.isNegative()
                        && validity.getYears() >= 0 && validity.getMonths() >= 0 && validity.getDays() >= 0,
                "profile " + name + ": validity must be a positive period, got " + validity);
        require(allowedKeys != null && !allowedKeys.isEmpty(), "profile " + name + ": at least one key type is required");
        allowedKeys = Collections.unmodifiableSet(EnumSet.copyOf(allowedKeys));
        require(pathLength != null, "profile " + name + ": pathLength must be OptionalInt.empty() rather than null");

        require(!extendedKeyUsageOids.contains(ANY_EXTENDED_KEY_USAGE),
                "profile " + name + ": anyExtendedKeyUsage is never granted");
        if (kind.isCa()) {
            require(keyUsage.contains(KeyUsageBit.KEY_CERT_SIGN), "CA profile " + name + " needs keyCertSign");
            require(keyUsageCritical, "CA profile " + name + " must mark key usage critical (RFC 5280 4.2.1.3)");
            require(extendedKeyUsageOids.isEmpty(), "CA profile " + name + " must not restrict extended key usage");
            require(pathLength.isEmpty() || pathLength.getAsInt() >= 0,
                    "CA profile " + name + ": pathLength must not be negative");
        } else {
            require(!keyUsage.contains(KeyUsageBit.KEY_CERT_SIGN) && !keyUsage.contains(KeyUsageBit.CRL_SIGN),
                    "end-entity profile " + name + " must not sign certificates or CRLs");
            require(pathLength.isEmpty(), "end-entity profile " + name + " must not have a path length");
        }
        if (kind == ProfileKind.ISSUING_CA) {
            require(pathLength.isPresent(), "issuing CA profile " + name + " needs a path length (0: signs end entities only)");
        }
        if (kind == ProfileKind.ROOT_CA) {
            require(!includeRevocationPointers, "root profile " + name + " has no issuer to point to");
        }
        if (kind == ProfileKind.OCSP_SIGNER) {
            require(extendedKeyUsageOids.contains(OCSP_SIGNING), "OCSP signer profile " + name + " needs id-kp-OCSPSigning");
        } else {
            require(!extendedKeyUsageOids.contains(OCSP_SIGNING), "only an OCSP signer profile may grant id-kp-OCSPSigning");
            require(!ocspNoCheck, "only an OCSP signer profile may carry id-pkix-ocsp-nocheck");
        }
        if (kind.isHolder()) {
            require(includeRevocationPointers, "holder profile " + name + " must carry CRL and OCSP pointers");
        }
        for (KeySpec key : allowedKeys) {
            require(!usableBits(keyUsage, key).isEmpty(),
                    "profile " + name + ": no key usage left for a " + key + " key");
        }
    }

    /**
     * The key usage granted to a subject key of type {@code key}: the profile's bits, minus the
     * encipherment bits for an EC key, which cannot encrypt (RFC 8813 section 3).
     */
    public Set<KeyUsageBit> keyUsageFor(KeySpec key) {
        return usableBits(keyUsage, key);
    }

    /** The same profile with another lifetime (the key ceremony chooses CA lifetimes). */
    public CertificateProfile withValidity(Period newValidity) {
        return new CertificateProfile(name, kind, keyUsage, keyUsageCritical, extendedKeyUsageOids, policyOids,
                newValidity, allowedKeys, pathLength, ocspNoCheck, includeRevocationPointers);
    }

    private static Set<KeyUsageBit> usableBits(Set<KeyUsageBit> bits, KeySpec key) {
        EnumSet<KeyUsageBit> usable = EnumSet.copyOf(bits);
        if (!key.isRsa()) {
            usable.removeIf(KeyUsageBit::requiresRsaKey);
        }
        return Collections.unmodifiableSet(usable);
    }

    private static List<String> oids(String profile, String what, List<String> values) {
        require(values != null, "profile " + profile + ": " + what + " list is required (may be empty)");
        List<String> copy = new ArrayList<>(values.size());
        Set<String> seen = new HashSet<>();
        for (String oid : values) {
            require(oid != null && OID.matcher(oid).matches(), "profile " + profile + ": bad " + what + " OID " + oid);
            require(seen.add(oid), "profile " + profile + ": duplicate " + what + " OID " + oid);
            copy.add(oid);
        }
        return List.copyOf(copy);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidProfileException(message);
        }
    }
}
