package fr.cartesagents.bridge.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;
import picocli.CommandLine.Option;

/** Which card to drive, and through which middleware. */
final class DriverOptions {

    /** OpenSC's module, which drives IAS-ECC cards (driver "iasecc"). */
    static final String DEFAULT_MODULE = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "${env:CARTES_PKCS11_MODULE:-" + DEFAULT_MODULE + "}",
            description = "PKCS#11 module of the card middleware (default: $CARTES_PKCS11_MODULE, else ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--token", paramLabel = "LABEL", description = "Label of the card's token (default: the only card present).")
    String tokenLabel;

    @Option(names = "--slot", paramLabel = "INDEX", description = "Index of the reader (slot) in the module's slot list, from 0.")
    Integer slotIndex;

    @Option(names = "--reader", paramLabel = "NAME",
            description = "Drive the card over PC/SC in this reader (see 'readers') instead of through a PKCS#11 module.")
    String readerName;

    CardDriver open() {
        if (readerName != null) {
            if (tokenLabel != null || slotIndex != null) {
                throw new UsageException("--reader drives the card over PC/SC: it cannot be combined with --token or --slot");
            }
            return PcscCardDriver.open(readerName);
        }
        return Pkcs11CardDriver.open(new Pkcs11TokenSelection(module, Optional.ofNullable(tokenLabel),
                slotIndex == null ? OptionalInt.empty() : OptionalInt.of(slotIndex)));
    }
}
