package fr.cartesagents.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import fr.cartesagents.ca.crl.CrlGenerator;
import fr.cartesagents.ca.crl.CrlSettings;
import fr.cartesagents.ca.crl.GeneratedCrl;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.status.RevokedCertificate;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Time to build and sign a full CRL of a million entries, in a JVM limited to 1 GiB of heap
 * ({@code -Xmx1g}): the run fails with OutOfMemoryError if the generator needs more. The peak heap
 * of the trial is printed at its end. Entries come from an iterator, as the server streams them from
 * PostgreSQL.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
public class CrlBenchmark {

    @Param({"1000000"})
    public int entries;

    @Param({"PKCS12", "SOFTHSM2"})
    public TokenKind token;

    private BenchmarkPki pki;
    private CrlGenerator generator;
    private long crlNumber;

    @Setup(Level.Trial)
    public void createCa() {
        pki = BenchmarkPki.create(token, KeySpec.RSA_3072);
        generator = new CrlGenerator(pki.issuing(), CrlSettings.defaults(), Clock.systemUTC());
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    @TearDown(Level.Trial)
    public void reportPeakHeap() {
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        System.out.printf("%nPeak heap during the trial (sum of heap pools' peaks): %d MiB of max %d MiB%n",
                peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
        pki.close();
    }

    @Benchmark
    public GeneratedCrl fullCrl() {
        return generator.full(BigInteger.valueOf(++crlNumber), new RevokedEntries(entries), Optional.empty());
    }

    /** Distinct 128-bit serials, like the CA's random ones, generated on the fly and never held. */
    private static final class RevokedEntries implements Iterator<RevokedCertificate> {
        private static final RevocationReason[] REASONS = {RevocationReason.KEY_COMPROMISE,
                RevocationReason.AFFILIATION_CHANGED, RevocationReason.SUPERSEDED, RevocationReason.CESSATION_OF_OPERATION};
        private final int count;
        private final Instant revokedAt = Instant.now();
        private int produced;

        RevokedEntries(int count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return produced < count;
        }

        @Override
        public RevokedCertificate next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int i = produced++;
            BigInteger serial = BigInteger.valueOf(i).shiftLeft(64).or(BigInteger.valueOf(i * 0x9E3779B97F4A7C15L).abs())
                    .setBit(126);
            Optional<Instant> invalidity = i % 4 == 0 ? Optional.of(revokedAt.minusSeconds(86_400)) : Optional.empty();
            return new RevokedCertificate(serial, revokedAt.minusSeconds(i % 100_000), REASONS[i % REASONS.length], invalidity);
        }
    }
}
