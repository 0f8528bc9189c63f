package fr.cartesagents.bridge;

import fr.cartesagents.bridge.cli.BridgeCli;

/** Entry point of the workstation agent: the command line (see {@link BridgeCli}). */
public final class BridgeMain {

    private BridgeMain() {
    }

    public static void main(String[] args) {
        BridgeCli.main(args);
    }
}
