package fr.cartesagents.bridge.localapi;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import fr.cartesagents.bridge.card.CardDriver;
import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.pcsc.PcscCardDriver;
import fr.cartesagents.bridge.pcsc.PcscReaders;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.Pkcs11Readers;
import fr.cartesagents.bridge.pkcs11.Pkcs11TokenSelection;

/**
 * The readers and cards of this workstation as the API sees them: the card chosen when the bridge was
 * started (its driver options), or one picked from {@code GET /v1/readers} — a token of the same
 * PKCS#11 module by its label ({@code ?token=}), or the card in a PC/SC reader ({@code ?reader=},
 * APDUs through pcscd); and the listing of PKCS#11 slots and PC/SC readers.
 */
public final class WorkstationCards {

    private final Path pkcs11Module;
    private final Supplier<CardDriver> configuredCard;

    /**
     * @param pkcs11Module   the card middleware, for listing its slots and opening a token by label
     * @param configuredCard opens the card selected by the command line (PKCS#11 token or slot, or PC/SC reader)
     */
    public WorkstationCards(Path pkcs11Module, Supplier<CardDriver> configuredCard) {
        this.pkcs11Module = Objects.requireNonNull(pkcs11Module, "pkcs11Module");
        this.configuredCard = Objects.requireNonNull(configuredCard, "configuredCard");
    }

    /**
     * The token labelled {@code tokenLabel} (PKCS#11), the card in the PC/SC reader {@code pcscReader},
     * or the configured card when neither is given.
     */
    CardDriver open(Optional<String> tokenLabel, Optional<String> pcscReader) {
        if (tokenLabel.isPresent() && pcscReader.isPresent()) {
            throw ApiProblem.badRequest("Choose the card by token (PKCS#11) or by reader (PC/SC), not both");
        }
        if (tokenLabel.isPresent()) {
            return Pkcs11CardDriver.open(Pkcs11TokenSelection.byLabel(pkcs11Module, tokenLabel.get()));
        }
        return pcscReader.<CardDriver>map(PcscCardDriver::open).orElseGet(configuredCard);
    }

    ReadersView readers() {
        ReadersView.Pkcs11 pkcs11;
        try {
            pkcs11 = new ReadersView.Pkcs11(true, Pkcs11Readers.list(pkcs11Module).stream()
                    .map(reader -> new ReadersView.Pkcs11Slot(reader.slotIndex(), reader.name(), reader.cardPresent(),
                            reader.tokenLabel(), reader.serialNumber()))
                    .toList(), Optional.empty());
        } catch (CardException unavailable) {
            // No such middleware on this workstation: PC/SC may still reach the cards.
            pkcs11 = new ReadersView.Pkcs11(false, List.of(), Optional.ofNullable(unavailable.getMessage()));
        }
        ReadersView.Pcsc pcsc;
        try {
            pcsc = new ReadersView.Pcsc(true, PcscReaders.list().stream()
                    .map(reader -> new ReadersView.PcscReader(reader.name(), reader.cardPresent(), reader.atrHex()))
                    .toList(), Optional.empty());
        } catch (CardException unavailable) {
            // No pcscd, or no libpcsclite: PKCS#11 middleware may still reach the cards.
            pcsc = new ReadersView.Pcsc(false, List.of(), Optional.ofNullable(unavailable.getMessage()));
        }
        return new ReadersView(pkcs11, pcsc);
    }
}
