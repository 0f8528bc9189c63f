package fr.cartesagents.bridge.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.testsupport.OpenSc;
import fr.cartesagents.bridge.testsupport.PcscRig;
import fr.cartesagents.ca.testutil.ProcessResult;

/**
 * The independent oracle of the PC/SC path: after OUR bridge personalized the simulated card over
 * PC/SC with certificates of our CA, OpenSC's own tools — which know nothing of our code — name it
 * an IAS-ECC card, find its PKCS#15 objects, log in with the PIN and sign with both keys; openssl
 * verifies the signatures against the certificates.
 */
class OpenScReadsThePersonalizedCardTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @TempDir
    Path directory;

    private Map<KeyRole, List<X509CertificateHolder>> chains;

    @BeforeEach
    void personalizeWithOurBridge() {
        chains = PersonalizedOverPcsc.personalize(rig, directory.resolve("ca"));
    }

    @Test
    void whenOpenScConnects_thenItNamesTheCardAnIasEccCard() {
        ProcessResult result = OpenSc.openscTool("--reader", rig.readerName(), "--name");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("IAS-ECC");
    }

    @Test
    void whenPkcs15ToolDumpsTheCard_thenBothKeysBothCertificatesAndThePinAreListed() {
        ProcessResult result = OpenSc.pkcs15Tool("--reader", rig.readerName(), "--dump");

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout())
                .contains("PIN [PIN]", "PIN [PUK]")
                .contains("Private RSA Key [Authentification]", "Private RSA Key [Signature]")
                .contains("Public RSA Key [Authentification]", "Public RSA Key [Signature]")
                .contains("X.509 Certificate [Authentification]", "X.509 Certificate [Signature]");
    }

    @Test
    void whenPkcs11ToolLogsIn_thenItListsTheObjectsAndSignsWithBothKeysVerifiablyByOpenssl() throws Exception {
        ProcessResult objects = OpenSc.pkcs11Tool("--login", "--pin", PcscRig.USER_PIN, "--list-objects");
        assertThat(objects.exitCode()).as(objects.stderr() + objects.stdout()).isZero();
        assertThat(objects.stdout())
                .contains("Private Key Object; RSA", "Certificate Object; type = X.509 cert")
                .contains("label:      Authentification", "label:      Signature");

        for (KeyRole role : KeyRole.values()) {
            OpenScSignatures.assertSignsVerifiably(directory, role, chains.get(role).get(0));
        }
    }
}
