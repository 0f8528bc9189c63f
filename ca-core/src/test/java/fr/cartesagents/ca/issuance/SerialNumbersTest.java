package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SerialNumbersTest {

    @Test
    void whenDrawn_thenPositiveAtMost20OctetsAndEveryRandomBitVaries() {
        SerialNumbers serials = new SerialNumbers(new SecureRandom());
        Set<BigInteger> seen = new HashSet<>();
        BigInteger anyBitSet = BigInteger.ZERO;
        BigInteger everyBitSet = BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE);
        for (int i = 0; i < 500; i++) {
            BigInteger serial = serials.next();
            assertThat(serial.signum()).isPositive();
            assertThat(serial.toByteArray().length).isLessThanOrEqualTo(20);
            assertThat(serial.bitLength()).isBetween(64, 159);
            assertThat(seen.add(serial)).as("serial drawn twice").isTrue();
            anyBitSet = anyBitSet.or(serial);
            everyBitSet = everyBitSet.and(serial);
        }
        // 159 random bits: after 500 draws each bit has been seen both set and clear (else p < 2^-499).
        assertThat(anyBitSet.bitCount()).isEqualTo(159);
        assertThat(everyBitSet.signum()).isZero();
    }

    @Test
    void whenTheGeneratorYieldsAShortValue_thenItIsDrawnAgain() {
        SecureRandom zerosThenOnes = new SecureRandom() {
            private int calls;

            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, calls++ == 0 ? (byte) 0 : (byte) 0xFF);
            }
        };
        BigInteger serial = new SerialNumbers(zerosThenOnes).next();
        assertThat(serial).isEqualTo(BigInteger.ONE.shiftLeft(159).subtract(BigInteger.ONE));
    }

    @Test
    void whenTheCaIssues_thenEachCertificateGetsADistinctRandomSerial(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        try (TestHierarchy pki = TestHierarchy.create(dir, fr.cartesagents.ca.token.KeySpec.EC_P256)) {
            CertificateAuthority ca = pki.ca();
            byte[] csr = TestKeys.csr(TestKeys.ec("secp256r1"));
            Set<BigInteger> serials = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                IssuedCertificate issued = ca.issue(new IssuanceRequest("signature", csr, TestSubjects.marieDupont()));
                assertThat(issued.certificate().getSerialNumber()).isEqualTo(issued.serial());
                assertThat(issued.serial().bitLength()).isGreaterThanOrEqualTo(64);
                serials.add(issued.serial());
            }
            assertThat(serials).hasSize(20);
        }
    }
}
