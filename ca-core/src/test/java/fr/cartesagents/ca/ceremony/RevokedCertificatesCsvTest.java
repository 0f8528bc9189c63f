package fr.cartesagents.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;

class RevokedCertificatesCsvTest {

    @Test
    void readsEntriesSkippingCommentsAndBlankLines() {
        List<RevokedCertificate> entries = RevokedCertificatesCsv.parse(List.of(
                "# serial,time,reason,invalidity",
                "",
                "4f1c2a9e77d01b35,2025-03-01T09:30:00Z,keyCompromise,2025-02-28T00:00:00Z",
                " 0x1A:2B , 2025-03-02T10:00:00+01:00 , superseded "), "revoked.csv");

        assertThat(entries).containsExactly(
                new RevokedCertificate(new BigInteger("4f1c2a9e77d01b35", 16), Instant.parse("2025-03-01T09:30:00Z"),
                        RevocationReason.KEY_COMPROMISE, Optional.of(Instant.parse("2025-02-28T00:00:00Z"))),
                new RevokedCertificate(BigInteger.valueOf(0x1a2b), Instant.parse("2025-03-02T09:00:00Z"),
                        RevocationReason.SUPERSEDED, Optional.empty()));
    }

    @Test
    void namesTheLineOfEachMistake() {
        assertRefused("1a,2025-03-01T09:30:00Z,stolen", "f line 1: unknown reason 'stolen'");
        assertRefused("1a,2025-03-01 09:30,keyCompromise", "f line 1: the revocation time '2025-03-01 09:30'");
        assertRefused("1a,2025-03-01T09:30:00Z", "f line 1: expected serialHex,revocationTime,reason");
        assertRefused("0,2025-03-01T09:30:00Z,keyCompromise", "f line 1: a serial number is positive");
        assertRefused("1a,2025-03-01T09:30:00Z,keyCompromise,2025-03-02T00:00:00Z",
                "f line 1: the invalidity date is after the revocation time");
    }

    @Test
    void refusesASerialListedTwice() {
        assertThatThrownBy(() -> RevokedCertificatesCsv.parse(List.of(
                "1a,2025-03-01T09:30:00Z,keyCompromise", "# again", "1A,2025-03-02T09:30:00Z,superseded"), "f"))
                .isInstanceOf(CeremonyException.class)
                .hasMessage("f line 3: serial 1a is listed twice");
    }

    private static void assertRefused(String line, String message) {
        assertThatThrownBy(() -> RevokedCertificatesCsv.parse(List.of(line), "f"))
                .isInstanceOf(CeremonyException.class)
                .hasMessageStartingWith(message);
    }
}
