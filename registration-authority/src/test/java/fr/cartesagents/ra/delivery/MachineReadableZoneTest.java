package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** ICAO Doc 9303 zones: the specimens of the standard, and each check digit broken in turn. */
class MachineReadableZoneTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    /** ICAO Doc 9303 part 4, appendix A: the specimen passport of Anna Maria Eriksson (Utopia). */
    static final String TD3_SPECIMEN = """
            P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<
            L898902C36UTO7408122F1204159ZE184226B<<<<<10""";

    /** ICAO Doc 9303 part 5, appendix A: the specimen TD1 card. */
    static final String TD1_SPECIMEN = """
            I<UTOD231458907<<<<<<<<<<<<<<<
            7408122F1204159UTO<<<<<<<<<<<6
            ERIKSSON<<ANNA<MARIA<<<<<<<<<<""";

    @Test
    void whenTheCheckDigitIsComputed_thenTheSpecimensValuesComeOut() {
        assertThat(MrzCheckDigit.of("L898902C3")).isEqualTo(6);
        assertThat(MrzCheckDigit.of("740812")).isEqualTo(2);
        assertThat(MrzCheckDigit.of("120415")).isEqualTo(9);
        assertThat(MrzCheckDigit.of("D23145890")).isEqualTo(7);
    }

    @Test
    void whenTheIcaoPassportSpecimenIsRead_thenEveryFieldComesOut() {
        MachineReadableZone zone = MachineReadableZone.parse(TD3_SPECIMEN, LocalDate.of(2010, 1, 1));
        assertThat(zone.format()).isEqualTo(MachineReadableZone.Format.TD3);
        assertThat(zone.documentCode()).isEqualTo("P");
        assertThat(zone.issuingState()).isEqualTo("UTO");
        assertThat(zone.documentNumber()).isEqualTo("L898902C3");
        assertThat(zone.surname()).isEqualTo("ERIKSSON");
        assertThat(zone.givenNames()).isEqualTo("ANNA MARIA");
        assertThat(zone.birthDate()).contains(LocalDate.of(1974, 8, 12));
        assertThat(zone.expiresOn()).contains(LocalDate.of(2012, 4, 15));
    }

    @Test
    void whenTheIcaoCardSpecimenIsRead_thenEveryFieldComesOut() {
        MachineReadableZone zone = MachineReadableZone.parse(TD1_SPECIMEN, LocalDate.of(2010, 1, 1));
        assertThat(zone.format()).isEqualTo(MachineReadableZone.Format.TD1);
        assertThat(zone.documentCode()).isEqualTo("I");
        assertThat(zone.documentNumber()).isEqualTo("D23145890");
        assertThat(zone.surname()).isEqualTo("ERIKSSON");
        assertThat(zone.givenNames()).isEqualTo("ANNA MARIA");
        assertThat(zone.expiresOn()).contains(LocalDate.of(2012, 4, 15));
    }

    @Test
    void whenAnyDigitOfAPassportZoneIsChanged_thenACheckDigitCatchesIt() {
        String[] lines = TD3_SPECIMEN.split("\n");
        for (int position = 0; position < 44; position++) {
            char original = lines[1].charAt(position);
            if (original < '0' || original > '9') {
                continue;
            }
            char changed = (char) ('0' + (original - '0' + 1) % 10);
            String altered = lines[0] + "\n" + lines[1].substring(0, position) + changed + lines[1].substring(position + 1);
            assertThatThrownBy(() -> MachineReadableZone.parse(altered, LocalDate.of(2010, 1, 1)))
                    .as("digit at position %d changed", position)
                    .isInstanceOfSatisfying(MrzException.class,
                            e -> assertThat(e.reason()).isEqualTo(MrzException.Reason.CHECK_DIGIT));
        }
    }

    @Test
    void whenTheNameOnACardZoneIsChanged_thenItStillReads_becauseTheThirdLineHasNoCheckDigit() {
        String altered = TD1_SPECIMEN.replace("ERIKSSON<<ANNA", "ERIKSSEN<<ANNA");
        assertThat(MachineReadableZone.parse(altered, LocalDate.of(2010, 1, 1)).surname()).isEqualTo("ERIKSSEN");
    }

    @Test
    void whenTheDocumentNumberOfACardZoneIsChanged_thenItsCheckDigitCatchesIt() {
        String altered = TD1_SPECIMEN.replace("D23145890", "D23145891");
        assertThatThrownBy(() -> MachineReadableZone.parse(altered, LocalDate.of(2010, 1, 1)))
                .isInstanceOf(MrzException.class).hasMessageContaining("document number");
    }

    @Test
    void whenAFrenchIdentityCardOf1995IsRead_thenTheCompositeCheckCoversBothLines() {
        String zone = Zones.frenchIdCard1995("LEFEVRE SAINT ELOI", "HELENE", "0712590123456", "800412");
        MachineReadableZone read = MachineReadableZone.parse(zone, TODAY);
        assertThat(read.format()).isEqualTo(MachineReadableZone.Format.FRENCH_ID_CARD_1995);
        assertThat(read.surname()).isEqualTo("LEFEVRE SAINT ELOI");
        assertThat(read.givenNames()).isEqualTo("HELENE");
        assertThat(read.documentNumber()).isEqualTo("071259012345");
        assertThat(read.expiresOn()).isEqualTo(Optional.empty());
        String[] lines = zone.split("\n");
        String otherOffice = lines[0].substring(0, 30) + "593002" + "\n" + lines[1];
        assertThatThrownBy(() -> MachineReadableZone.parse(otherOffice, TODAY)).isInstanceOf(MrzException.class)
                .hasMessageContaining("composite");
    }

    @Test
    void whenTheZoneHasTheWrongShape_thenItIsMalformed() {
        assertThatThrownBy(() -> MachineReadableZone.parse("P<UTOERIKSSON", TODAY))
                .isInstanceOfSatisfying(MrzException.class, e -> assertThat(e.reason()).isEqualTo(MrzException.Reason.MALFORMED));
        assertThatThrownBy(() -> MachineReadableZone.parse(TD1_SPECIMEN.replace('<', '#'), TODAY))
                .isInstanceOfSatisfying(MrzException.class, e -> assertThat(e.reason()).isEqualTo(MrzException.Reason.MALFORMED));
    }

    @Test
    void whenTheZoneIsTypedInLowerCaseWithSpaces_thenItReadsTheSame() {
        String typed = "  " + TD3_SPECIMEN.toLowerCase().replace("\n", " \r\n ") + "  ";
        assertThat(MachineReadableZone.parse(typed, LocalDate.of(2010, 1, 1)).documentNumber()).isEqualTo("L898902C3");
    }
}
