package fr.cartesagents.bridge.simulator;

import java.util.Arrays;
import java.util.OptionalInt;

import fr.cartesagents.bridge.apdu.AgentCardLayout;

/**
 * What the simulated card forgets at power-off or reset: the current DF and EF, the verified PIN and
 * PUK, a passed external authentication, the last challenge, the security environment set by MANAGE
 * SECURITY ENVIRONMENT with a hash given by PSO HASH, a command chain being received and the
 * response bytes waiting for GET RESPONSE.
 */
final class CardSession {

    int currentDf = AgentCardLayout.MASTER_FILE;
    OptionalInt currentEf = OptionalInt.empty();
    boolean userPinVerified;
    /** The PUK or the unblock key was presented: the next RESET RETRY COUNTER may set a new PIN. */
    boolean unblockAuthorized;
    byte[] challenge = new byte[0];
    /** Template (AT or DST), key reference and algorithm set by MANAGE SECURITY ENVIRONMENT. */
    int securityEnvironmentTemplate;
    OptionalInt securityEnvironmentKey = OptionalInt.empty();
    int securityEnvironmentAlgorithm;
    byte[] hash = new byte[0];

    int chainedInstruction = -1;
    byte[] chainedData = new byte[0];
    byte[] pendingResponse = new byte[0];
    int pendingOffset;

    void clear() {
        currentDf = AgentCardLayout.MASTER_FILE;
        currentEf = OptionalInt.empty();
        userPinVerified = false;
        unblockAuthorized = false;
        challenge = new byte[0];
        clearSecurityEnvironment();
        clearChain();
        clearPendingResponse();
    }

    void clearSecurityEnvironment() {
        securityEnvironmentTemplate = 0;
        securityEnvironmentKey = OptionalInt.empty();
        securityEnvironmentAlgorithm = 0;
        hash = new byte[0];
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
