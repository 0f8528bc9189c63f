package fr.cartesagents.bridge.simulator;

import java.util.Arrays;
import java.util.OptionalInt;

/**
 * What the simulated card forgets at power-off or reset: the selected application and file, the
 * verified PIN, the key chosen by MANAGE SECURITY ENVIRONMENT, a command chain being received and
 * the response bytes waiting for GET RESPONSE.
 */
final class CardSession {

    boolean applicationSelected;
    OptionalInt selectedFile = OptionalInt.empty();
    boolean userPinVerified;
    /** Template (DST or AT) and key reference set by MANAGE SECURITY ENVIRONMENT. */
    int securityEnvironmentTemplate;
    OptionalInt securityEnvironmentKey = OptionalInt.empty();

    int chainedInstruction = -1;
    byte[] chainedData = new byte[0];
    byte[] pendingResponse = new byte[0];
    int pendingOffset;

    void clear() {
        applicationSelected = false;
        selectedFile = OptionalInt.empty();
        userPinVerified = false;
        securityEnvironmentTemplate = 0;
        securityEnvironmentKey = OptionalInt.empty();
        clearChain();
        clearPendingResponse();
    }

    void clearChain() {
        chainedInstruction = -1;
        Arrays.fill(chainedData, (byte) 0);
        chainedData = new byte[0];
    }

    void clearPendingResponse() {
        pendingResponse = new byte[0];
        pendingOffset = 0;
    }

    int pendingBytes() {
        return pendingResponse.length - pendingOffset;
    }
}
