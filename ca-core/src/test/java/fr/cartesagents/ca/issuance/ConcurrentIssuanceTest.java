package fr.cartesagents.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.ca.token.KeySpec;

class ConcurrentIssuanceTest {

    @Test
    void whenManyThreadsShareOneCa_thenEveryCertificateIsValidAndSerialsAreDistinct(@TempDir Path directory) throws Exception {
        try (TestHierarchy pki = TestHierarchy.create(directory, KeySpec.RSA_2048)) {
            CertificateAuthority ca = pki.ca();
            byte[] csr = TestKeys.csr(TestKeys.ec("secp256r1"));
            Set<BigInteger> serials = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                String profile = thread % 2 == 0 ? "authentication" : "signature";
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        IssuedCertificate issued = ca.issue(new IssuanceRequest(profile, csr, TestSubjects.marieDupont()));
                        Certificates.toJdk(issued.certificate()).verify(pki.issuing().publicKey());
                        serials.add(issued.serial());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
            pool.shutdown();
            assertThat(serials).hasSize(100);
        }
    }
}
