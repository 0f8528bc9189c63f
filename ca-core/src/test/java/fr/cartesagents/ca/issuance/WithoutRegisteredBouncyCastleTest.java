package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.token.KeySpec;

/**
 * ca-core is a library: it must not depend on the application having registered BouncyCastle as a
 * global JCA provider. Other tests in this JVM (the key ceremony CLI) register it, so this test takes it
 * out for its duration and puts it back at the same position.
 */
class WithoutRegisteredBouncyCastleTest {

    @TempDir
    Path directory;
    private int removedAtPosition;

    @BeforeEach
    void unregisterBouncyCastle() {
        Provider[] providers = Security.getProviders();
        removedAtPosition = Arrays.asList(providers).indexOf(Security.getProvider(BouncyCastleProvider.PROVIDER_NAME)) + 1;
        Security.removeProvider(BouncyCastleProvider.PROVIDER_NAME);
    }

    @AfterEach
    void restoreBouncyCastle() {
        if (removedAtPosition > 0) {
            Security.insertProviderAt(new BouncyCastleProvider(), removedAtPosition);
        }
    }

    @Test
    void whenBouncyCastleIsNotRegistered_thenAnEcdsaP256RequestIsIssued() {
        assertThat(Security.getProvider(BouncyCastleProvider.PROVIDER_NAME)).isNull();
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256)) {
            IssuedCertificate issued = pki.ca().issue(new IssuanceRequest("authentication",
                    TestKeys.csr(TestKeys.ec("secp256r1")), TestSubjects.marieDupont()));

            assertThat(issued.certificate().getSubjectPublicKeyInfo().getEncoded())
                    .isEqualTo(TestKeys.ec("secp256r1").getPublic().getEncoded());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void whenBouncyCastleIsNotRegistered_thenAnRsaRequestIsIssued() {
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.EC_P256)) {
            IssuedCertificate issued = pki.ca().issue(new IssuanceRequest("authentication",
                    TestKeys.csr(TestKeys.rsa(2048)), TestSubjects.marieDupont()));

            assertThat(issued.profileName()).isEqualTo("authentication");
        }
    }
}
