package fr.cartesagents.ra.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class AuditSigningConfigurationTest {

    @Test
    void whenTheProductionProfileLacksTheAuditKey_thenTheServerRefusesToStartAndNamesBothProperties() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("production");

        assertThatThrownBy(() -> new AuditSigningConfiguration().auditSigner(production, null, null, Clock.systemUTC(),
                new AuditSigningProperties("", " ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cartes.audit.signing.key-store,")
                .hasMessageContaining("cartes.audit.signing.key-store-password");
    }

    @Test
    void missingNamesOnlyWhatIsMissing() {
        assertThat(AuditSigningConfiguration.missing("/etc/cartes/audit.p12", "")).containsExactly("cartes.audit.signing.key-store-password");
        assertThat(AuditSigningConfiguration.missing("/etc/cartes/audit.p12", "s3cret")).isEmpty();
    }
}
