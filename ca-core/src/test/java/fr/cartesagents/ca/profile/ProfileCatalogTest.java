package fr.cartesagents.ca.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Period;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.token.KeySpec;

class ProfileCatalogTest {

    private static final String ARC = "2.25.151333981047706692989256962996369828955";

    private final ProfileCatalog catalog = ProfileCatalog.standard(PkiSettings.defaults());

    @Test
    void whenStandard_thenItHoldsTheDocumentedProfiles() {
        assertThat(catalog.names()).containsExactly("root-ca", "issuing-ca", "ocsp-signer", "authentication",
                "signature", "tls-server", "tls-client");
        assertThat(catalog.find("nope")).isEmpty();
        assertThatThrownBy(() -> catalog.byName("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authentication");
    }

    @Test
    void whenDefaults_thenPoliciesComeFromTheProjectArc() {
        assertThat(catalog.byName("authentication").policyOids()).containsExactly(ARC + ".1.1");
        assertThat(catalog.byName("signature").policyOids()).containsExactly(ARC + ".1.2");
        assertThat(catalog.byName("tls-server").policyOids()).containsExactly(ARC + ".1.3");
        assertThat(catalog.byName("issuing-ca").policyOids()).containsExactly(ARC + ".1.1", ARC + ".1.2", ARC + ".1.3");
    }

    @Test
    void whenAntsCompatible_thenHolderPoliciesAreTheAntsOids() {
        ProfileCatalog ants = ProfileCatalog.standard(PkiSettings.antsCompatible());
        assertThat(ants.byName("signature").policyOids()).containsExactly("1.2.250.1.200.2.5.1.2");
        assertThat(ants.byName("authentication").policyOids()).containsExactly("1.2.250.1.200.2.5.1.1");
        assertThat(ants.byName("signature").keyUsage()).containsExactly(KeyUsageBit.NON_REPUDIATION);
    }

    @Test
    void whenDefaults_thenLifetimesAndKeysAreTheDocumentedOnes() {
        PkiSettings settings = PkiSettings.defaults();
        assertThat(settings.holderValidity()).isEqualTo(Period.ofYears(3));
        assertThat(catalog.byName("root-ca").validity()).isEqualTo(Period.ofYears(12));
        assertThat(catalog.byName("issuing-ca").validity()).isEqualTo(Period.ofYears(6));
        assertThat(catalog.byName("ocsp-signer").validity()).isEqualTo(Period.ofYears(1));
        assertThat(catalog.byName("authentication").allowedKeys())
                .containsExactlyInAnyOrder(KeySpec.RSA_2048, KeySpec.RSA_3072, KeySpec.EC_P256, KeySpec.EC_P384);
        assertThat(catalog.byName("issuing-ca").pathLength()).hasValue(0);
        assertThat(catalog.byName("root-ca").pathLength()).isEmpty();
        assertThat(catalog.byName("ocsp-signer").ocspNoCheck()).isTrue();
        assertThat(catalog.byName("signature").extendedKeyUsageOids()).isEmpty();
        assertThat(catalog.byName("authentication").extendedKeyUsageOids()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void whenTheSubjectKeyIsEc_thenKeyEnciphermentIsDropped() {
        CertificateProfile tls = catalog.byName("tls-server");
        assertThat(tls.keyUsageFor(KeySpec.RSA_2048)).containsExactlyInAnyOrder(KeyUsageBit.DIGITAL_SIGNATURE,
                KeyUsageBit.KEY_ENCIPHERMENT);
        assertThat(tls.keyUsageFor(KeySpec.EC_P256)).containsExactly(KeyUsageBit.DIGITAL_SIGNATURE);
    }

    @Test
    void whenAProfileContradictsItself_thenItIsRefusedAtConstruction() {
        CertificateProfile auth = catalog.byName("authentication");
        assertThatThrownBy(() -> copy(auth, ProfileKind.ISSUING_CA, Set.of(KeyUsageBit.CRL_SIGN), OptionalInt.of(0), false))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("keyCertSign");
        assertThatThrownBy(() -> copy(auth, ProfileKind.AUTHENTICATION, Set.of(KeyUsageBit.KEY_CERT_SIGN), OptionalInt.empty(), false))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("must not sign certificates");
        assertThatThrownBy(() -> copy(auth, ProfileKind.AUTHENTICATION, auth.keyUsage(), OptionalInt.of(0), false))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("path length");
        assertThatThrownBy(() -> copy(auth, ProfileKind.AUTHENTICATION, auth.keyUsage(), OptionalInt.empty(), true))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("ocsp-nocheck");
        assertThatThrownBy(() -> auth.withValidity(Period.ZERO))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("validity");
        assertThatThrownBy(() -> new CertificateProfile("tls-ec", ProfileKind.TLS_SERVER, Set.of(KeyUsageBit.KEY_ENCIPHERMENT),
                true, List.of(), List.of(), Period.ofYears(1), Set.of(KeySpec.EC_P256), OptionalInt.empty(), false, true))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("no key usage left");
        assertThatThrownBy(() -> new CertificateProfile("Bad Name", ProfileKind.SIGNATURE, Set.of(KeyUsageBit.NON_REPUDIATION),
                true, List.of(), List.of("not.an.oid"), Period.ofYears(1), Set.of(KeySpec.EC_P256), OptionalInt.empty(), false, true))
                .isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> new CertificateProfile("signature", ProfileKind.SIGNATURE, Set.of(KeyUsageBit.NON_REPUDIATION),
                true, List.of(), List.of("1.2.3"), Period.ofYears(1), Set.of(KeySpec.EC_P256), OptionalInt.empty(), false, false))
                .isInstanceOf(InvalidProfileException.class).hasMessageContaining("CRL and OCSP");
    }

    @Test
    void whenSettingsAreInconsistent_thenTheyAreRefused() {
        PkiSettings d = PkiSettings.defaults();
        assertThatThrownBy(() -> new PkiSettings(d.policyArc(), "1.2.3", "1.2.3", d.servicePolicyOid(), d.holderValidity(),
                d.rootCaValidity(), d.issuingCaValidity(), d.ocspSignerValidity(), d.serviceValidity(), d.holderKeys(), d.caKeys()))
                .isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> d.withHolderValidity(Period.ofYears(-1))).isInstanceOf(InvalidProfileException.class);
        assertThatThrownBy(() -> d.withHolderKeys(Set.of())).isInstanceOf(InvalidProfileException.class);
    }

    @Test
    void whenForRepository_thenUrlsFollowTheRepositoryLayout() {
        IssuerUrls urls = IssuerUrls.forRepository(URI.create("http://pki.example.fr/"), "acteurs");
        assertThat(urls.ocsp()).hasToString("http://pki.example.fr/pki/ocsp");
        assertThat(urls.caIssuers()).hasToString("http://pki.example.fr/pki/ca/acteurs.crt");
        assertThat(urls.crl()).hasToString("http://pki.example.fr/pki/crl/acteurs.crl");
        assertThat(urls.deltaCrl()).hasToString("http://pki.example.fr/pki/crl/acteurs/delta.crl");
        assertThatThrownBy(() -> IssuerUrls.forRepository(URI.create("http://x"), "../etc"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static CertificateProfile copy(CertificateProfile p, ProfileKind kind, Set<KeyUsageBit> ku, OptionalInt pathLength,
                                           boolean ocspNoCheck) {
        return new CertificateProfile(p.name(), kind, ku, p.keyUsageCritical(), p.extendedKeyUsageOids(), p.policyOids(),
                p.validity(), p.allowedKeys(), pathLength, ocspNoCheck, p.includeRevocationPointers());
    }
}
