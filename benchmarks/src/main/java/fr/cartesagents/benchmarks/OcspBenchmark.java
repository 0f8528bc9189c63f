package fr.cartesagents.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
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

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.OcspResult;
import fr.cartesagents.ca.ocsp.PreProducedOcspResponses;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.status.CertificateStatus;
import fr.cartesagents.ca.status.RevocationReason;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.KeySpec;

/**
 * OCSP responses per second for a population of certificates, one in ten revoked: answered from
 * pre-produced responses (requests without a nonce, RFC 5019) and signed on the fly (requests with a
 * nonce). {@link #rawSignature} is the responder key's own limit in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class OcspBenchmark {

    private static final int CERTIFICATES = 10_000;
    /** A BasicOCSPResponse's tbsResponseData for one certificate is about 200 octets. */
    private static final int TBS_RESPONSE_SIZE = 200;

    @Param({"PKCS12", "SOFTHSM2"})
    public TokenKind token;

    @Param({"RSA_2048", "EC_P256"})
    public KeySpec responderKey;

    private BenchmarkPki pki;
    private CaSigner responder;
    private OcspResponder onTheFly;
    private PreProducedOcspResponses preProduced;
    private byte[][] requestsWithoutNonce;
    private byte[][] requestsWithNonce;
    private byte[] toBeSigned;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void createResponder() throws OCSPException, OperatorCreationException, IOException {
        pki = BenchmarkPki.create(TokenKind.PKCS12, KeySpec.RSA_3072);
        CryptoToken responderToken = token.newToken();
        X509CertificateHolder responderCertificate = KeyCeremony.createOcspSigner(pki.issuing(), responderToken, "ocsp",
                responderKey, new X500Name("C=FR,O=Cartes Agents,CN=Répondeur OCSP banc d'essai"), Period.ofYears(1),
                PkiSettings.defaults());
        responder = new CaSigner(responderCertificate, responderToken, "ocsp");
        Instant revokedAt = Instant.now().minusSeconds(3600);
        onTheFly = new OcspResponder(responder, pki.issuing().certificate(),
                serial -> serial.intValue() % 10 == 0
                        ? new CertificateStatus.Revoked(revokedAt, RevocationReason.KEY_COMPROMISE, Optional.empty())
                        : CertificateStatus.good(),
                Clock.systemUTC(), OcspResponder.DEFAULT_VALIDITY);
        preProduced = new PreProducedOcspResponses(onTheFly, Duration.ofMinutes(15), 2 * CERTIFICATES);

        requestsWithoutNonce = new byte[CERTIFICATES][];
        requestsWithNonce = new byte[CERTIFICATES][];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < CERTIFICATES; i++) {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    pki.issuing().certificate(), BigInteger.valueOf(i));
            requestsWithoutNonce[i] = new OCSPReqBuilder().addRequest(id).build().getEncoded();
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            requestsWithNonce[i] = new OCSPReqBuilder().addRequest(id)
                    // RFC 8954: the extension's value is the DER encoding of an OCTET STRING holding the nonce
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(nonce).getEncoded())))
                    .build().getEncoded();
            preProduced.respond(requestsWithoutNonce[i]); // pre-production, as the server does on start
        }
        for (byte[][] requests : new byte[][][] {requestsWithoutNonce, requestsWithNonce}) {
            OcspResult sample = onTheFly.answer(requests[1]);
            if (!sample.successful()) {
                throw new IllegalStateException("the benchmark's requests are refused: " + sample.status());
            }
        }
        toBeSigned = new byte[TBS_RESPONSE_SIZE];
        ThreadLocalRandom.current().nextBytes(toBeSigned);
    }

    @TearDown(Level.Trial)
    public void close() {
        responder.token().close();
        pki.close();
    }

    @Benchmark
    public OcspResult preProduced() {
        return preProduced.respond(requestsWithoutNonce[nextCertificate()]);
    }

    @Benchmark
    public OcspResult signedOnTheFly() {
        return onTheFly.answer(requestsWithNonce[nextCertificate()]);
    }

    @Benchmark
    public byte[] rawSignature() throws IOException {
        ContentSigner signer = responder.contentSigner();
        try (OutputStream out = signer.getOutputStream()) {
            out.write(toBeSigned);
        }
        return signer.getSignature();
    }

    private int nextCertificate() {
        return Math.floorMod(next.getAndIncrement(), CERTIFICATES);
    }
}
