package fr.cartesagents.ra.certificate;

import com.code_intelligence.jazzer.junit.FuzzTest;

import fr.cartesagents.ca.issuance.IssuanceRefusedException;
import fr.cartesagents.ra.problem.ProblemException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON bodies of the issuance and revocation API, read as the server reads them (unknown members
 * refused), then turned into an issuance request: any bytes end in a value, a Jackson error (400) or a
 * problem (4xx), never another exception.
 */
public class JsonBodyFuzzTest {

    /** Entry point of Jazzer's own driver for long runs (docs/fuzzing.md): the issuance body target. */
    public static void fuzzerTestOneInput(byte[] body) {
        new JsonBodyFuzzTest().issuanceBodiesAreReadOrRefused(body);
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @FuzzTest(maxDuration = "10s")
    void issuanceBodiesAreReadOrRefused(byte[] body) {
        try {
            IssueCertificateRequest request = JSON.readValue(body, IssueCertificateRequest.class);
            if (request != null) {
                CertificateService.toIssuanceRequest(request);
            }
        } catch (JacksonException | ProblemException | IssuanceRefusedException expected) {
            // 400 / 422 with a problem document
        }
    }

    @FuzzTest(maxDuration = "10s")
    void revocationBodiesAreReadOrRefused(byte[] body) {
        try {
            JSON.readValue(body, RevocationRequest.class);
        } catch (JacksonException expected) {
            // 400 with a problem document
        }
    }
}
