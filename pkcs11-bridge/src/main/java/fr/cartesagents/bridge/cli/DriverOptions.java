package fr.cartesagents.bridge.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.pcsc.ReaderStatus;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;
import picocli.CommandLine.Option;

/** Which card to drive, and through which middleware. */
final class DriverOptions {

    /** OpenSC's module, which drives IAS-ECC cards (driver "iasecc"). */
    static final String DEFAULT_MODULE = "/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so";

    /** What the PKCS#11 middleware answers when it sees no card it knows: PC/SC may still see one. */
    private static final Set<CardFailure> NO_CARD_FOR_PKCS11 =
            EnumSet.of(CardFailure.NO_CARD, CardFailure.NO_READER, CardFailure.MIDDLEWARE_ERROR);

    @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "${env:CARTES_PKCS11_MODULE:-" + DEFAULT_MODULE + "}",
            description = "Module PKCS#11 du middleware de la carte (défaut : $CARTES_PKCS11_MODULE, sinon ${DEFAULT-VALUE}).")
    Path module;

    @Option(names = "--token", paramLabel = "LABEL",
            description = "Libellé du jeton PKCS#11 de la carte (défaut : la seule carte présente).")
    String tokenLabel;

    @Option(names = "--slot", paramLabel = "INDEX", description = "Rang du lecteur (slot) dans la liste du module PKCS#11, à partir de 0.")
    Integer slotIndex;

    @Option(names = "--reader", paramLabel = "NAME",
            description = "Piloter la carte de ce lecteur par PC/SC (voir 'readers'), sans module PKCS#11, "
                    + "par exemple 'Virtual PCD 00 00' pour le simulateur.")
    String readerName;

    /**
     * The card chosen by the options. Without any, the only card present: the one the PKCS#11 module
     * knows, else the only card in a PC/SC reader (a card the middleware does not know, such as the
     * simulator's, is still driven over PC/SC).
     */
    CardDriver open() {
        if (readerName != null) {
            if (tokenLabel != null || slotIndex != null) {
                throw new UsageException("--reader pilote la carte par PC/SC : il ne se combine pas avec --token ni --slot");
            }
            return PcscCardDriver.open(readerName);
        }
        Pkcs11TokenSelection selection = new Pkcs11TokenSelection(module, Optional.ofNullable(tokenLabel),
                slotIndex == null ? OptionalInt.empty() : OptionalInt.of(slotIndex));
        if (tokenLabel != null || slotIndex != null) {
            return Pkcs11CardDriver.open(selection);
        }
        try {
            return Pkcs11CardDriver.open(selection);
        } catch (CardException noPkcs11Card) {
            if (!NO_CARD_FOR_PKCS11.contains(noPkcs11Card.failure())) {
                throw noPkcs11Card;
            }
            return onlyPcscCard().<CardDriver>map(PcscCardDriver::open).orElseThrow(() -> noPkcs11Card);
        }
    }

    private static Optional<String> onlyPcscCard() {
        try {
            List<String> present = PcscReaders.list().stream().filter(ReaderStatus::cardPresent).map(ReaderStatus::name)
                    .toList();
            return present.size() == 1 ? Optional.of(present.get(0)) : Optional.empty();
        } catch (CardException noPcsc) {
            return Optional.empty();
        }
    }
}
