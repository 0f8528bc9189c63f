package fr.cartesagents.bridge;

/**
 * Entry point of the workstation agent. The card drivers (PKCS#11, PC/SC) and the CLI arrive with
 * the "pkcs11-bridge" issue; until then the jar only says so, and exits with a non-zero status so that
 * no script mistakes it for a working bridge.
 */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) {
        System.err.println("cartes-bridge: the card drivers are not part of this build yet (see the pkcs11-bridge issue).");
        System.exit(2);
    }
}
