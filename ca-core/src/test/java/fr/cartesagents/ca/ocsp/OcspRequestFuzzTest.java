package fr.cartesagents.ca.ocsp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The OCSP request parser reads what any relying party sends to {@code /pki/ocsp}: it returns a
 * request or throws {@link MalformedOcspRequestException} (answered {@code malformedRequest}), nothing
 * else, for any bytes.
 */
public class OcspRequestFuzzTest {

    private static final OcspRequestParser PARSER = new OcspRequestParser(OcspResponder.MAX_REQUEST_BYTES,
            OcspResponder.MAX_CERTIFICATES_PER_REQUEST);

    /** Entry point of Jazzer's own driver for long runs (docs/fuzzing.md). */
    public static void fuzzerTestOneInput(byte[] der) {
        new OcspRequestFuzzTest().requestsAreParsedOrMalformed(der);
    }

    @FuzzTest(maxDuration = "10s")
    void requestsAreParsedOrMalformed(byte[] der) {
        try {
            OcspRequestInfo request = PARSER.parse(der);
            request.canUsePreProducedResponse();
            request.serialNumbers();
        } catch (MalformedOcspRequestException expected) {
            // answered malformedRequest
        }
    }
}
