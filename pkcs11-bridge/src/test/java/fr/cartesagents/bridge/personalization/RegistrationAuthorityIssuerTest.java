package fr.cartesagents.bridge.personalization;

import static fr.cartesagents.bridge.pkcs11.TestCard.userPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.bouncycastle.cert.X509CertificateHolder;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.Siren;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.issuance.TestSubjects;
import fr.cartesagents.ca.token.KeySpec;

class RegistrationAuthorityIssuerTest {

    @TempDir
    Path directory;

    private TestHierarchy hierarchy;
    private TestRegistrationAuthority authority;
    private TestCard card;

    @BeforeEach
    void setUp() throws Exception {
        hierarchy = TestHierarchy.create(directory, KeySpec.RSA_2048);
        authority = TestRegistrationAuthority.start(hierarchy, directory);
        card = SoftHsmCards.get().newCard("ra");
    }

    @AfterEach
    void tearDown() {
        if (authority != null) {
            authority.close();
        }
        hierarchy.close();
    }

    @Test
    void whenServerIssues_thenTheCardHoldsBothCertificatesWithTheirChain() {
        Map<KeyRole, List<X509CertificateHolder>> chains = personalize(TestSubjects.marieDupont());
        for (KeyRole role : KeyRole.values()) {
            List<X509CertificateHolder> chain = chains.get(role);
            assertThat(chain).hasSize(3);
            assertThat(chain.get(0).getSubject()).isEqualTo(TestSubjects.marieDupont().toX500Name());
            assertThat(chain.get(0).getIssuer()).isEqualTo(hierarchy.issuing().certificate().getSubject());
            assertThat(chain.subList(1, 3)).containsExactly(hierarchy.issuing().certificate(), hierarchy.root().certificate());
        }
        try (Pkcs11CardDriver driver = card.driver()) {
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
        }
        assertThat(authority.requestsWithoutIdempotencyKey()).isZero();
    }

    @Test
    void whenServerRefuses_thenIssuanceExceptionCarriesTheProblemDetail() {
        HolderSubject badHolderId = new HolderSubject("Jean", "Martin", "COMMUNE DE MOISSAC",
                new Siren(TestSubjects.SIREN), "ACT#1");
        assertThatThrownBy(() -> personalize(badHolderId))
                .isInstanceOf(IssuanceException.class)
                .hasMessageContaining("HTTP 422 issuance-refused")
                .hasMessageContaining("holderId");
    }

    @Test
    void whenTheServerIsNotTrusted_thenNoRequestIsSent() throws Exception {
        try (TestHierarchy other = TestHierarchy.create(directory.resolve("other"), KeySpec.RSA_2048);
             TestRegistrationAuthority impostor = TestRegistrationAuthority.start(other, java.nio.file.Files.createDirectories(directory.resolve("impostor")))) {
            RegistrationAuthorityIssuer issuer = RegistrationAuthorityIssuer.connect(impostor.apiBase(), authority.clientKey(),
                    TestRegistrationAuthority.CLIENT_SECRET, authority.caChain(), TestSubjects.marieDupont());
            try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
                assertThatThrownBy(() -> new Personalizer(issuer).personalize(authenticated, PersonalizerTest.REQUESTED))
                        .isInstanceOf(IssuanceException.class).hasMessageContaining("Cannot reach the registration authority");
            }
        }
    }

    private Map<KeyRole, List<X509CertificateHolder>> personalize(HolderSubject holder) {
        RegistrationAuthorityIssuer issuer = RegistrationAuthorityIssuer.connect(authority.apiBase(), authority.clientKey(),
                TestRegistrationAuthority.CLIENT_SECRET, authority.caChain(), holder);
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard authenticated = driver.authenticate(userPin())) {
            return new Personalizer(issuer).personalize(authenticated, PersonalizerTest.REQUESTED);
        }
    }
}
