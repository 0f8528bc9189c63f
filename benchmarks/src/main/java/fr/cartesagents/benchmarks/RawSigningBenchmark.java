package fr.cartesagents.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.operator.ContentSigner;
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

import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;

/**
 * The raw limit issuance is compared with: signatures per second of the CA key, over a to-be-signed
 * blob the size of a holder certificate's TBSCertificate, through the same {@link CryptoToken} API.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class RawSigningBenchmark {

    /** A holder certificate's TBSCertificate is about a kilobyte. */
    private static final int TBS_SIZE = 1100;

    @Param({"PKCS12", "SOFTHSM2"})
    public TokenKind token;

    @Param({"RSA_3072", "EC_P256"})
    public KeySpec caKey;

    private CryptoToken cryptoToken;
    private SignatureAlgorithm algorithm;
    private byte[] toBeSigned;

    @Setup(Level.Trial)
    public void createKey() {
        cryptoToken = token.newToken();
        algorithm = SignatureAlgorithm.forKey(cryptoToken.generateKeyPair("ca", caKey));
        toBeSigned = new byte[TBS_SIZE];
        ThreadLocalRandom.current().nextBytes(toBeSigned);
    }

    @TearDown(Level.Trial)
    public void closeToken() {
        cryptoToken.close();
    }

    @Benchmark
    public byte[] sign() throws IOException {
        ContentSigner signer = cryptoToken.contentSigner("ca", algorithm);
        try (OutputStream out = signer.getOutputStream()) {
            out.write(toBeSigned);
        }
        return signer.getSignature();
    }
}
