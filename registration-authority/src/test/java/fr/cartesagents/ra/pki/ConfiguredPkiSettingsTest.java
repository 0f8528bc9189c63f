package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Period;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ra.RegistrationAuthorityApplication;

/** {@code cartes.pki.profiles.*} and {@code cartes.pki.demo.*} over the policy set, and the values that stop the start. */
class ConfiguredPkiSettingsTest {

    private static final PkiProperties.Profiles NO_OVERRIDES = new PkiProperties.Profiles(null, null, null, null, null);

    @TempDir
    Path dataDirectory;

    @Test
    void whenNothingIsOverridden_thenThePolicySetIsUsedAsItIs() {
        assertThat(ConfiguredPkiSettings.from("default", NO_OVERRIDES)).isEqualTo(PkiSettings.defaults());
        assertThat(ConfiguredPkiSettings.from("ants-compatible", NO_OVERRIDES)).isEqualTo(PkiSettings.antsCompatible());
    }

    @Test
    void whenValuesAreOverridden_thenOnlyThoseChange() {
        PkiSettings settings = ConfiguredPkiSettings.from("ants-compatible", new PkiProperties.Profiles(
                null, " 1.2.250.1.999.1 ", "1.2.250.1.999.3", Period.ofYears(1), List.of("EC_P256", "rsa_3072")));
        PkiSettings ants = PkiSettings.antsCompatible();
        assertThat(settings.authenticationPolicyOid()).isEqualTo(ants.authenticationPolicyOid());
        assertThat(settings.signaturePolicyOid()).isEqualTo("1.2.250.1.999.1");
        assertThat(settings.servicePolicyOid()).isEqualTo("1.2.250.1.999.3");
        assertThat(settings.holderValidity()).isEqualTo(Period.ofYears(1));
        assertThat(settings.holderKeys()).containsExactlyInAnyOrder(KeySpec.EC_P256, KeySpec.RSA_3072);
        assertThat(settings.caKeys()).isEqualTo(ants.caKeys());
        assertThat(settings.issuingCaValidity()).isEqualTo(ants.issuingCaValidity());
    }

    @Test
    void whenAnOidIsInvalid_thenTheMessageNamesItsProperty() {
        for (String bad : List.of("abc", "1.2.", "3.1.2", "1.02.3", "")) {
            assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                    new PkiProperties.Profiles(null, bad, null, null, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cartes.pki.profiles.signature-policy-oid");
        }
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                new PkiProperties.Profiles("1.2.x", null, null, null, null)))
                .hasMessageContaining("cartes.pki.profiles.authentication-policy-oid");
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                new PkiProperties.Profiles(null, null, "oid", null, null)))
                .hasMessageContaining("cartes.pki.profiles.service-policy-oid");
    }

    @Test
    void whenAuthenticationAndSignatureShareAPolicy_thenBothPropertiesAreNamed() {
        String signature = PkiSettings.defaults().signaturePolicyOid();
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                new PkiProperties.Profiles(signature, null, null, null, null)))
                .hasMessageContaining("cartes.pki.profiles.authentication-policy-oid")
                .hasMessageContaining("cartes.pki.profiles.signature-policy-oid");
    }

    @Test
    void whenTheHolderValidityIsNotPositive_thenTheMessageNamesItsProperty() {
        for (Period bad : List.of(Period.ZERO, Period.ofYears(-1))) {
            assertThatThrownBy(() -> ConfiguredPkiSettings.from("default", new PkiProperties.Profiles(null, null, null, bad, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cartes.pki.profiles.holder-validity");
        }
    }

    @Test
    void whenAKeyTypeIsUnknownOrWeak_thenTheMessageNamesItsPropertyAndTheValue() {
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                new PkiProperties.Profiles(null, null, null, null, List.of("EC_P256", "RSA_1024"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cartes.pki.profiles.holder-key-types")
                .hasMessageContaining("RSA_1024")
                .hasMessageContaining("EC_P384");
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("default",
                new PkiProperties.Profiles(null, null, null, null, List.of())))
                .hasMessageContaining("cartes.pki.profiles.holder-key-types");
    }

    @Test
    void whenThePolicySetIsUnknown_thenTheMessageNamesIt() {
        assertThatThrownBy(() -> ConfiguredPkiSettings.from("rgs", NO_OVERRIDES)).hasMessageContaining("cartes.pki.policy-set");
    }

    @Test
    void whenDemoNamesAreConfigured_thenTheyAreUsedAndABadOneNamesItsProperty() {
        DemoCaNames names = DemoCaNames.from(new PkiProperties.Demo("CN=AC Racine,O=Ville de Moissac,C=FR", null, null, "EC_P384", null),
                PkiSettings.defaults());
        assertThat(names.root()).isEqualTo(new X500Name("CN=AC Racine,O=Ville de Moissac,C=FR"));
        assertThat(names.issuing()).isEqualTo(DemoCeremony.ISSUING_NAME);
        assertThat(names.issuingKey()).isEqualTo(KeySpec.EC_P384);
        assertThatThrownBy(() -> DemoCaNames.from(new PkiProperties.Demo(null, "not a DN", null, null, null), PkiSettings.defaults()))
                .hasMessageContaining("cartes.pki.demo.issuing-name");
        assertThatThrownBy(() -> DemoCaNames.from(new PkiProperties.Demo(null, null, null, "RSA_1024", null), PkiSettings.defaults()))
                .hasMessageContaining("cartes.pki.demo.issuing-key-type");
        PkiSettings rsaOnlyCas = new PkiSettings(PkiSettings.PROJECT_POLICY_ARC, PkiSettings.defaults().authenticationPolicyOid(),
                PkiSettings.defaults().signaturePolicyOid(), PkiSettings.defaults().servicePolicyOid(), Period.ofYears(3),
                Period.ofYears(12), Period.ofYears(6), Period.ofYears(1), Period.ofYears(1), Set.of(KeySpec.EC_P256),
                Set.of(KeySpec.RSA_3072));
        assertThatThrownBy(() -> DemoCaNames.from(new PkiProperties.Demo(null, null, null, "EC_P256", null), rsaOnlyCas))
                .hasMessageContaining("cartes.pki.demo.issuing-key-type");
    }

    @Test
    void whenTheServerIsGivenAnInvalidPolicyOid_thenItRefusesToStartAndNamesTheProperty() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                // Command-line arguments, not default properties: application.yml would override those.
                .run("--cartes.data-dir=" + dataDirectory, "--server.port=0", "--cartes.api.port=0",
                        "--cartes.pki.profiles.signature-policy-oid=1.2.250.x").close())
                .rootCause()
                .hasMessageContaining("cartes.pki.profiles.signature-policy-oid")
                .hasMessageContaining("1.2.250.x");
        // It stopped before the demo ceremony: no keys were made with the wrong policy.
        assertThat(dataDirectory.resolve("pki")).doesNotExist();
    }
}
