package fr.cartesagents.ca.profile;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.bouncycastle.asn1.x509.KeyPurposeId;

/** The profiles a CA knows, by name. Immutable; built and validated at start-up. */
public final class ProfileCatalog {

    public static final String ROOT_CA = "root-ca";
    public static final String ISSUING_CA = "issuing-ca";
    public static final String OCSP_SIGNER = "ocsp-signer";
    public static final String AUTHENTICATION = "authentication";
    public static final String SIGNATURE = "signature";
    public static final String TLS_SERVER = "tls-server";
    public static final String TLS_CLIENT = "tls-client";

    private final Map<String, CertificateProfile> byName;

    private ProfileCatalog(Map<String, CertificateProfile> byName) {
        this.byName = byName;
    }

    /** A catalog of exactly these profiles; names must be unique. */
    public static ProfileCatalog of(Collection<CertificateProfile> profiles) {
        Map<String, CertificateProfile> map = new LinkedHashMap<>();
        for (CertificateProfile profile : profiles) {
            Objects.requireNonNull(profile, "profile");
            if (map.putIfAbsent(profile.name(), profile) != null) {
                throw new InvalidProfileException("two profiles are named " + profile.name());
            }
        }
        return new ProfileCatalog(Collections.unmodifiableMap(map));
    }

    public static ProfileCatalog of(CertificateProfile... profiles) {
        return of(List.of(profiles));
    }

    /** The profiles of docs/certificate-profiles.md, with the policies, lifetimes and keys of {@code settings}. */
    public static ProfileCatalog standard(PkiSettings settings) {
        Objects.requireNonNull(settings, "settings");
        String clientAuth = KeyPurposeId.id_kp_clientAuth.getId();
        return of(
                new CertificateProfile(ROOT_CA, ProfileKind.ROOT_CA,
                        Set.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN), true, List.of(), List.of(),
                        settings.rootCaValidity(), settings.caKeys(), OptionalInt.empty(), false, false),
                new CertificateProfile(ISSUING_CA, ProfileKind.ISSUING_CA,
                        Set.of(KeyUsageBit.KEY_CERT_SIGN, KeyUsageBit.CRL_SIGN), true, List.of(),
                        List.of(settings.authenticationPolicyOid(), settings.signaturePolicyOid(),
                                settings.servicePolicyOid()),
                        settings.issuingCaValidity(), settings.caKeys(), OptionalInt.of(0), false, true),
                new CertificateProfile(OCSP_SIGNER, ProfileKind.OCSP_SIGNER,
                        Set.of(KeyUsageBit.DIGITAL_SIGNATURE), true,
                        List.of(KeyPurposeId.id_kp_OCSPSigning.getId()), List.of(),
                        settings.ocspSignerValidity(), settings.caKeys(), OptionalInt.empty(), true, false),
                new CertificateProfile(AUTHENTICATION, ProfileKind.AUTHENTICATION,
                        Set.of(KeyUsageBit.DIGITAL_SIGNATURE), true, List.of(clientAuth),
                        List.of(settings.authenticationPolicyOid()),
                        settings.holderValidity(), settings.holderKeys(), OptionalInt.empty(), false, true),
                new CertificateProfile(SIGNATURE, ProfileKind.SIGNATURE,
                        Set.of(KeyUsageBit.NON_REPUDIATION), true, List.of(),
                        List.of(settings.signaturePolicyOid()),
                        settings.holderValidity(), settings.holderKeys(), OptionalInt.empty(), false, true),
                new CertificateProfile(TLS_SERVER, ProfileKind.TLS_SERVER,
                        Set.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.KEY_ENCIPHERMENT), true,
                        List.of(KeyPurposeId.id_kp_serverAuth.getId()), List.of(settings.servicePolicyOid()),
                        settings.serviceValidity(), settings.holderKeys(), OptionalInt.empty(), false, true),
                new CertificateProfile(TLS_CLIENT, ProfileKind.TLS_CLIENT,
                        Set.of(KeyUsageBit.DIGITAL_SIGNATURE), true, List.of(clientAuth),
                        List.of(settings.servicePolicyOid()),
                        settings.serviceValidity(), settings.holderKeys(), OptionalInt.empty(), false, true));
    }

    /** @throws IllegalArgumentException naming the known profiles when {@code name} is not one of them */
    public CertificateProfile byName(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown certificate profile " + name + "; known: " + names()));
    }

    public Optional<CertificateProfile> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    public Set<String> names() {
        return byName.keySet();
    }

    public Collection<CertificateProfile> all() {
        return byName.values();
    }

    /** A copy where {@code profile} replaces the profile of the same name (or is added). */
    public ProfileCatalog with(CertificateProfile profile) {
        Map<String, CertificateProfile> map = new LinkedHashMap<>(byName);
        map.put(profile.name(), profile);
        return new ProfileCatalog(Collections.unmodifiableMap(map));
    }
}
