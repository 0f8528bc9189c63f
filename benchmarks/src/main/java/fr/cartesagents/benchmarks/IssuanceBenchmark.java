package fr.cartesagents.benchmarks;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.openjdk.jmh.infra.Blackhole;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.IssuanceRequest;
import fr.cartesagents.ca.issuance.LintSigning;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.KeySpec;

/**
 * Certificate pairs (authentication + signature, one card) issued per second through
 * {@link CertificateAuthority}: parsing and proof of possession of each request, profile, serial,
 * pre-issuance lint and the token's signature. Compare with {@link RawSigningBenchmark} on the same
 * token and key: a pair costs two raw signatures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class IssuanceBenchmark {

    private static final int DISTINCT_REQUESTS = 32;

    @Param({"PKCS12", "SOFTHSM2"})
    public TokenKind token;

    @Param({"RSA_3072", "EC_P256"})
    public KeySpec caKey;

    @Param({"THROWAWAY_KEY", "PLACEHOLDER_SIGNATURE"})
    public LintSigning lint;

    private BenchmarkPki pki;
    private CertificateAuthority authority;
    private List<byte[]> requests;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void createAuthority() {
        pki = BenchmarkPki.create(token, caKey);
        authority = CertificateAuthority.builder().signer(pki.issuing())
                .profiles(ProfileCatalog.standard(PkiSettings.defaults())).urls(pki.issuingUrls())
                .clock(Clock.systemUTC()).random(new SecureRandom()).lintSigning(lint).build();
        requests = HolderRequests.rsa2048(2 * DISTINCT_REQUESTS);
    }

    @TearDown(Level.Trial)
    public void close() {
        pki.close();
    }

    @Benchmark
    public void issueCardPair(Blackhole blackhole) {
        int card = Math.floorMod(next.getAndIncrement(), DISTINCT_REQUESTS);
        blackhole.consume(authority.issue(new IssuanceRequest(ProfileCatalog.AUTHENTICATION,
                requests.get(2 * card), HolderRequests.SUBJECT)));
        blackhole.consume(authority.issue(new IssuanceRequest(ProfileCatalog.SIGNATURE,
                requests.get(2 * card + 1), HolderRequests.SUBJECT)));
    }
}
