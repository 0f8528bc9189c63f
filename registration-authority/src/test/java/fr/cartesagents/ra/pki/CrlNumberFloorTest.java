package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.http.HttpClient;
import java.time.Duration;

import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import fr.cartesagents.ra.testsupport.RunningServer;

/** The server's CRL numbers continue above the last number the key ceremony signed, and never go back. */
@TestPropertySource(properties = "cartes.pki.issuing.crl-number-floor=5000")
class CrlNumberFloorTest extends RunningServer {

    @Autowired
    CrlStore crlStore;

    @Test
    void whenAFloorIsConfigured_thenTheFirstServedCrlIsNumberedAboveIt() throws Exception {
        X509CRLHolder crl = new X509CRLHolder(get(HttpClient.newHttpClient(), pki("/pki/crl/act.crl")).body());

        assertThat(number(crl)).isGreaterThan(BigInteger.valueOf(5000));
    }

    @Test
    void whenALowerFloorIsApplied_thenTheSequenceDoesNotGoBack() {
        BigInteger before = crlStore.nextNumber().block(Duration.ofSeconds(10));

        assertThat(crlStore.raiseNumberFloor(BigInteger.TEN).block(Duration.ofSeconds(10))).isFalse();
        assertThat(crlStore.nextNumber().block(Duration.ofSeconds(10))).isGreaterThan(before);
        assertThat(crlStore.raiseNumberFloor(before).block(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void whenAHigherFloorIsApplied_thenTheNextNumberIsAboveIt() {
        BigInteger floor = crlStore.nextNumber().block(Duration.ofSeconds(10)).add(BigInteger.valueOf(100));

        assertThat(crlStore.raiseNumberFloor(floor).block(Duration.ofSeconds(10))).isTrue();
        assertThat(crlStore.nextNumber().block(Duration.ofSeconds(10))).isEqualTo(floor.add(BigInteger.ONE));
    }

    private static BigInteger number(X509CRLHolder crl) {
        return CRLNumber.getInstance(crl.getExtension(Extension.cRLNumber).getParsedValue()).getCRLNumber();
    }
}
