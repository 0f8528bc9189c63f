package fr.cartesagents.bridge.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.cartesagents.bridge.card.CardException;
import fr.cartesagents.bridge.card.CardFailure;
import fr.cartesagents.bridge.testsupport.PcscRig;

/** Reader listing and card events through pcscd and vpcd. */
class PcscReadersTest {

    @RegisterExtension
    final PcscRig rig = new PcscRig();

    @Test
    void whenTheSimulatorIsInTheVirtualReader_thenTheListShowsTheCardAndItsAtr() {
        List<ReaderStatus> readers = PcscReaders.list();

        assertThat(readers).contains(new ReaderStatus(rig.readerName(), true,
                java.util.Optional.of(HexFormat.of().withUpperCase().formatHex(rig.card().atr()))));
        assertThat(readers).filteredOn(reader -> reader.name().equals(rig.secondReaderName()))
                .singleElement().extracting(ReaderStatus::cardPresent).isEqualTo(false);
    }

    @Test
    void whenTheCardIsRemoved_thenTheListShowsTheReaderEmpty() {
        rig.removeCard();

        assertThat(PcscReaders.list()).contains(new ReaderStatus(rig.readerName(), false, java.util.Optional.empty()));
    }

    @Test
    void whenTheCardIsRemovedAndInsertedAgain_thenTheWatchReportsBothEvents() {
        PcscReaders.ReaderWatch watch = PcscReaders.watch();

        rig.removeCard();
        List<ReaderEvent> events = new ArrayList<>(awaitEvent(watch));
        rig.insertCard();
        events.addAll(awaitEvent(watch));

        assertThat(events).containsExactly(
                new ReaderEvent(rig.readerName(), ReaderEvent.Kind.CARD_REMOVED),
                new ReaderEvent(rig.readerName(), ReaderEvent.Kind.CARD_INSERTED));
    }

    @Test
    void whenTheReaderDoesNotExist_thenTheFailureIsNoReaderAndNamesTheReadersThereAre() {
        assertThatThrownBy(() -> PcscReaders.waitForCardPresent("Lecteur inexistant", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(CardException.class, failure -> {
                    assertThat(failure.failure()).isEqualTo(CardFailure.NO_READER);
                    assertThat(failure.getMessage()).contains("Lecteur inexistant").contains(rig.readerName());
                });
    }

    private static List<ReaderEvent> awaitEvent(PcscReaders.ReaderWatch watch) {
        // The watch returns as soon as pcscd reports the change; the bound only stops a broken rig.
        for (int attempt = 0; attempt < 30; attempt++) {
            List<ReaderEvent> events = watch.next(Duration.ofSeconds(1));
            if (!events.isEmpty()) {
                return events;
            }
        }
        throw new AssertionError("pcscd reported no card event");
    }
}
