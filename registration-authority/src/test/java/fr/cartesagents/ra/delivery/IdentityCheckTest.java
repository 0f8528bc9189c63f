package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.problem.ProblemException;

class IdentityCheckTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    static final LocalDate BIRTH = LocalDate.of(1980, 4, 12);
    static final LocalDate EXPIRY = LocalDate.of(2031, 3, 1);
    static final IdentityCheck.HolderNames HELENE = new IdentityCheck.HolderNames("Lefèvre-Saint-Éloi", null, "Hélène, Marie");

    static IdentityDocumentRequest cni(String mrz, String number, LocalDate expiry) {
        return new IdentityDocumentRequest("cni", number, expiry, mrz);
    }

    static String heleneCard(LocalDate expiry) {
        return Zones.td1("ID", "LEFEVRE SAINT ELOI", "HELENE MARIE", "X4RTBPFW4", BIRTH, expiry);
    }

    @Test
    void whenTheCardNamesTheHolderWithAccentsAndHyphensFolded_thenItIsAccepted() {
        MachineReadableZone zone = IdentityCheck.verify(cni(heleneCard(EXPIRY), "x4rt bpfw4", EXPIRY), HELENE, TODAY);
        assertThat(zone.documentNumber()).isEqualTo("X4RTBPFW4");
    }

    @Test
    void whenTheHolderUsesAUsualName_thenEitherNameIsAccepted() {
        var married = new IdentityCheck.HolderNames("Martin", "Lefèvre-Saint-Éloi", "Hélène");
        assertThat(IdentityCheck.verify(cni(heleneCard(EXPIRY), "X4RTBPFW4", EXPIRY), married, TODAY)).isNotNull();
    }

    @Test
    void whenTheDocumentHasExpired_thenItIsRefused() {
        LocalDate yesterday = TODAY.minusDays(1);
        assertThatThrownBy(() -> IdentityCheck.verify(cni(heleneCard(yesterday), "X4RTBPFW4", yesterday), HELENE, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("expired");
    }

    @Test
    void whenACheckDigitIsWrong_thenItIsRefusedNamingTheField() {
        String zone = heleneCard(EXPIRY);
        String[] lines = zone.split("\n");
        char expiryCheck = lines[1].charAt(14);
        String broken = lines[0] + "\n" + lines[1].substring(0, 14) + (char) ('0' + (expiryCheck - '0' + 1) % 10)
                + lines[1].substring(15) + "\n" + lines[2];
        assertThatThrownBy(() -> IdentityCheck.verify(cni(broken, "X4RTBPFW4", EXPIRY), HELENE, TODAY))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("check digit")
                        .contains("expiry").doesNotContain("X4RTBPFW4"));
    }

    @Test
    void whenTheDocumentNamesSomeoneElse_thenItIsRefused() {
        var other = new IdentityCheck.HolderNames("Dubois", null, "Sophie");
        assertThatThrownBy(() -> IdentityCheck.verify(cni(heleneCard(EXPIRY), "X4RTBPFW4", EXPIRY), other, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("name");
    }

    @Test
    void whenTheTypedNumberOrExpiryDifferFromTheZone_thenItIsRefused() {
        assertThatThrownBy(() -> IdentityCheck.verify(cni(heleneCard(EXPIRY), "X4RTBPFW5", EXPIRY), HELENE, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("number");
        assertThatThrownBy(() -> IdentityCheck.verify(cni(heleneCard(EXPIRY), "X4RTBPFW4", EXPIRY.plusDays(1)), HELENE, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("expiry");
    }

    @Test
    void whenAPassportZoneIsGivenAsAnIdentityCard_thenTheKindIsRefused() {
        String passport = Zones.td3("LEFEVRE SAINT ELOI", "HELENE", "19AB12345", BIRTH, EXPIRY);
        assertThatThrownBy(() -> IdentityCheck.verify(cni(passport, "19AB12345", EXPIRY), HELENE, TODAY))
                .isInstanceOf(ProblemException.class).hasMessageContaining("cni");
        assertThat(IdentityCheck.verify(new IdentityDocumentRequest("passport", "19AB12345", EXPIRY, passport), HELENE, TODAY))
                .isNotNull();
    }
}
