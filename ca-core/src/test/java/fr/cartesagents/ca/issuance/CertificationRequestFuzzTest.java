package fr.cartesagents.ca.issuance;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The CSR parser faces the outside (the API's {@code csr} member): whatever the bytes, it answers with
 * a request or an {@link IssuanceRefusedException}, never another exception, never a hang. Regression
 * mode in the build (seeds under src/test/resources/.../CertificationRequestFuzzTestInputs), coverage-guided
 * with {@code JAZZER_FUZZ=1} (docs/fuzzing.md).
 */
public class CertificationRequestFuzzTest {

    /** Entry point of Jazzer's own driver for long runs (docs/fuzzing.md): the DER target. */
    public static void fuzzerTestOneInput(byte[] der) {
        new CertificationRequestFuzzTest().derRequestsAreParsedOrRefused(der);
    }

    @FuzzTest(maxDuration = "10s")
    void derRequestsAreParsedOrRefused(byte[] der) {
        try {
            var request = CertificationRequests.parse(der);
            CertificationRequests.verifyProofOfPossession(request);
        } catch (IssuanceRefusedException expected) {
            // the documented refusal
        }
    }

    @FuzzTest(maxDuration = "10s")
    void pemRequestsAreReadOrRefused(FuzzedDataProvider data) {
        try {
            IssuanceRequest.fromPem("authentication", data.consumeRemainingAsString(),
                    new HolderSubject("Marie", "Dupont", "Ville de Paris", new Siren("217500016"), "FUZZ"));
        } catch (IssuanceRefusedException expected) {
            // the documented refusal
        }
    }
}
