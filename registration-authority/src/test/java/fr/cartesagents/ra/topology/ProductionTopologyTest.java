package fr.cartesagents.ra.topology;

import static fr.cartesagents.ra.topology.TopologyClients.get;
import static fr.cartesagents.ra.topology.TopologyClients.issueJson;
import static fr.cartesagents.ra.topology.TopologyClients.json;
import static fr.cartesagents.ra.topology.TopologyClients.ocspStatus;
import static fr.cartesagents.ra.topology.TopologyClients.postJson;
import static fr.cartesagents.ra.topology.TopologyClients.serialOf;
import static fr.cartesagents.ra.topology.TopologyClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.audit.checkpoint.AuditVerifyCommand;
import fr.cartesagents.ra.security.CertificateFingerprint;
import picocli.CommandLine;

/**
 * The production topology on this machine: Debian's PostgreSQL as a real server, two
 * registration-authority nodes as separate JVMs on it, and Debian's nginx in front (the users'
 * mutual TLS ends there; the client certificate reaches a node as X-Client-Certificate from the
 * front's own, trusted, certificate; the PKI repository is load-balanced). The scenarios run in order
 * on one topology (starting it costs more than all of them): across nodes, then a database outage, a
 * backup restored into a fresh server, and last a node killed during hundreds of issuances.
 * Counts and timings are printed ("topology:" lines).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionTopologyTest {

    /** A CRL is due every 3 s here (nextUpdate 1 min, renewed 57 s before): several periods fit in a short test. */
    private static final Duration CRL_PERIOD = Duration.ofSeconds(3);
    private static final Duration RECOVERY_GRACE = Duration.ofSeconds(20);
    private static final Duration FREEZE = Duration.ofSeconds(30); // the outage the issue states

    private static Path work;
    private static PostgresServer database;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;
    private static NginxFront front;
    private static HttpClient adminDirect;
    private static HttpClient adminThroughFront;
    private static HttpClient plain;
    private static X509CertificateHolder issuingCa;
    private static Map<String, String> nodeProperties;
    private static Path sharedData;

    @BeforeAll
    static void startTopology() throws Exception {
        PostgresServer.binaries();
        NginxFront.requireNginx();
        OpenSsl openssl = OpenSsl.require();
        long started = System.nanoTime();
        work = Files.createTempDirectory("cartes-topology-");
        database = PostgresServer.create(work);
        sharedData = work.resolve("data");
        int frontPki = PostgresServer.freePort();
        int frontApi = PostgresServer.freePort();
        nodeProperties = new HashMap<>(Map.ofEntries(
                Map.entry("cartes.pki.public-base-url", "http://127.0.0.1:" + frontPki),
                Map.entry("cartes.pki.crl.next-update", "PT1M"),
                Map.entry("cartes.pki.crl.renew-before", "PT57S"),
                Map.entry("cartes.pki.crl.check-interval", "PT1S"),
                // half the default (0.5 s): the 1-second promise holds on a loaded 2-core CI machine too
                Map.entry("cartes.pki.ocsp-responses.revocation-poll-interval", "PT0.25S"),
                Map.entry("cartes.pki.recovery.grace-period", "PT" + RECOVERY_GRACE.toSeconds() + "S"),
                Map.entry("cartes.pki.recovery.interval", "PT2S"),
                Map.entry("cartes.database.probe-interval", "PT0.5S"),
                Map.entry("cartes.database.probe-timeout", "PT1S"),
                // the default (15 s), shorter than the recovery's grace period, as it must be
                Map.entry("cartes.http.api-call-timeout", "PT15S"),
                Map.entry("logging.level.root", "WARN"),
                Map.entry("logging.level.fr.cartesagents", "INFO"),
                // a CRL every 3 s here: its INFO line would drown what the outage scenario counts
                Map.entry("logging.level.fr.cartesagents.ra.pki.CrlSchedule", "WARN")));
        nodeA = NodeProcess.start("a", sharedData, work.resolve("logs"), database, nodeProperties);
        nodeB = NodeProcess.start("b", sharedData, work.resolve("logs"), database, nodeProperties);
        Duration nodesStarted = Duration.ofNanos(System.nanoTime() - started);

        Path adminP12 = sharedData.resolve("admin.p12");
        String adminPassword = Files.readString(sharedData.resolve("admin.p12.password")).trim();
        Path chain = sharedData.resolve("ca-chain.pem");
        adminDirect = TopologyClients.client(adminP12, adminPassword, List.of(chain));
        plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        issuingCa = new X509CertificateHolder(get(plain, nodeA.pki("/pki/ca/act.crt")).body());

        // The front's server certificate (its own CA, as a public one would be) and its client
        // certificate towards the nodes, issued by our CA and registered as a trusted front.
        Path frontDirectory = Files.createDirectories(work.resolve("front"));
        Path serverKey = frontDirectory.resolve("server.key");
        Path serverCertificate = frontDirectory.resolve("server.pem");
        openssl.runSuccessfully("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", serverKey.toString(), "-out", serverCertificate.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        Path frontKeyFile = frontDirectory.resolve("front-client.key");
        Path frontCsr = frontDirectory.resolve("front-client.csr");
        openssl.runSuccessfully("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", frontKeyFile.toString(), "-subj", "/CN=front", "-out", frontCsr.toString());
        HttpResponse<byte[]> frontIssued = postJson(adminDirect, nodeA.api("/api/v1/admin/certificates"),
                fr.cartesagents.ra.testsupport.CertificateRequests.issueJson("authentication", Files.readString(frontCsr),
                        "FRONT-NGINX"), UUID.randomUUID().toString());
        assertThat(frontIssued.statusCode()).as(text(frontIssued)).isEqualTo(201);
        String frontPem = json(frontIssued).get("certificatePem").asString();
        Path frontCertificate = Files.writeString(frontDirectory.resolve("front-client.pem"), frontPem);
        try (Connection connection = database.connect();
             PreparedStatement trust = connection.prepareStatement(
                     "insert into trusted_front (fingerprint_sha256, label) values (?, 'nginx test front')")) {
            trust.setString(1, CertificateFingerprint.sha256(new X509CertificateHolder(
                    Base64.getMimeDecoder().decode(frontPem.replaceAll("-----[A-Z ]+-----", ""))).getEncoded()));
            trust.executeUpdate();
        }
        front = NginxFront.start(frontDirectory, frontPki, frontApi,
                new NginxFront.FrontTls(serverCertificate, serverKey, chain, frontCertificate, frontKeyFile), List.of(nodeA, nodeB));
        adminThroughFront = TopologyClients.client(adminP12, adminPassword, List.of(serverCertificate));
        System.out.printf("topology: PostgreSQL %s, nodes a (pid %d) and b (pid %d) ready in %d s, nginx front on %d (PKI) and %d (API)%n",
                database.port(), nodeA.pid(), nodeB.pid(), nodesStarted.toSeconds(), frontPki, frontApi);
    }

    @AfterAll
    static void stopTopology() {
        for (AutoCloseable closeable : new AutoCloseable[] {front, nodeA, nodeB, database}) {
            if (closeable != null) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    System.out.println("topology: could not stop " + closeable + ": " + e);
                }
            }
        }
        if (work != null) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                System.out.println("topology: could not remove " + work + ": " + e);
            }
        }
    }

    @Test
    @Order(1)
    void whenIssuedThroughAAndRevokedThroughB_thenOcspOnBothNodesSaysRevokedWithinOneSecond() throws Exception {
        BigInteger serial = serialOf(postJson(adminDirect, nodeA.api("/api/v1/admin/certificates"),
                issueJson("MULTI-1"), UUID.randomUUID().toString())).orElseThrow();
        // Both nodes now keep a pre-produced "good" answer.
        assertThat(ocspStatus(plain, nodeA.pki("/pki/ocsp"), issuingCa, serial)).isEqualTo("good");
        assertThat(ocspStatus(plain, nodeB.pki("/pki/ocsp"), issuingCa, serial)).isEqualTo("good");

        HttpResponse<byte[]> revoked = postJson(adminDirect, nodeB.api("/api/v1/admin/certificates/" + serial.toString(16)
                + "/revocation"), "{\"reason\": \"keyCompromise\"}", UUID.randomUUID().toString());
        long revokedAt = System.nanoTime();
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);
        String onA = "";
        String onB = "";
        while (System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos()
                && !("revoked".equals(onA) && "revoked".equals(onB))) {
            onA = ocspStatus(plain, nodeA.pki("/pki/ocsp"), issuingCa, serial);
            onB = ocspStatus(plain, nodeB.pki("/pki/ocsp"), issuingCa, serial);
            Thread.sleep(20);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - revokedAt);
        System.out.printf("topology: revoked through node b, OCSP says revoked on both nodes after %d ms%n", took.toMillis());
        assertThat(onA).isEqualTo("revoked");
        assertThat(onB).isEqualTo("revoked");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        assertThat(ocspStatus(plain, front.pki("/pki/ocsp"), issuingCa, serial)).isEqualTo("revoked");
    }

    @Test
    @Order(2)
    void whenTheSameIdempotencyKeyReachesBothNodes_thenOneCertificateIsIssuedAndBothAnswerIt() throws Exception {
        // One after the other: the second node replays what the first stored.
        String key = UUID.randomUUID().toString();
        String body = issueJson("IDEMPOTENT-1");
        HttpResponse<byte[]> first = postJson(adminDirect, nodeA.api("/api/v1/admin/certificates"), body, key);
        HttpResponse<byte[]> replay = postJson(adminDirect, nodeB.api("/api/v1/admin/certificates"), body, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(serialOf(replay)).isEqualTo(serialOf(first));
        HttpResponse<byte[]> otherBody = postJson(adminDirect, nodeB.api("/api/v1/admin/certificates"), issueJson("IDEMPOTENT-1"), key);
        assertThat(otherBody.statusCode()).isEqualTo(422);

        // At the same moment on both: both callers get the one certificate whose response was stored.
        String concurrentKey = UUID.randomUUID().toString();
        String concurrentBody = issueJson("IDEMPOTENT-2");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<HttpResponse<byte[]>> onA = pool.submit(() -> postJson(adminDirect, nodeA.api("/api/v1/admin/certificates"),
                    concurrentBody, concurrentKey));
            Future<HttpResponse<byte[]>> onB = pool.submit(() -> postJson(adminDirect, nodeB.api("/api/v1/admin/certificates"),
                    concurrentBody, concurrentKey));
            HttpResponse<byte[]> a = onA.get(60, TimeUnit.SECONDS);
            HttpResponse<byte[]> b = onB.get(60, TimeUnit.SECONDS);
            assertThat(a.statusCode()).as(text(a)).isEqualTo(201);
            assertThat(b.statusCode()).as(text(b)).isEqualTo(201);
            assertThat(serialOf(a)).isEqualTo(serialOf(b));
            try (Connection connection = database.connect()) {
                assertThat(count(connection, "select count(*) from certificate where holder_id = 'IDEMPOTENT-2' and status = 'good'"))
                        .isEqualTo(1);
                System.out.printf("topology: same key on both nodes at once: one certificate delivered, %d serial(s) left pending%n",
                        count(connection, "select count(*) from certificate where holder_id = 'IDEMPOTENT-2' and status = 'pending'"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void whenBothNodesFindTheCrlDue_thenOneOfThemPublishesPerPeriod() throws Exception {
        // A revocation publishes a CRL too: let the recovery job revoke what the previous scenario left pending first.
        try (Connection connection = database.connect()) {
            for (int i = 0; i < 200 && count(connection, "select count(*) from certificate where status = 'pending'") > 0; i++) {
                Thread.sleep(100);
            }
        }
        Thread.sleep(CRL_PERIOD.toMillis());
        Instant from = Instant.now();
        Thread.sleep(CRL_PERIOD.multipliedBy(4).toMillis());
        List<Instant> published = new ArrayList<>();
        try (Connection connection = database.connect();
             PreparedStatement query = connection.prepareStatement("select this_update from crl where ca_id = 'act' and not delta"
                     + " and this_update >= ? order by number")) {
            query.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    published.add(rows.getObject(1, java.time.OffsetDateTime.class).toInstant());
                }
            }
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < published.size(); i++) {
            gaps.add(Duration.between(published.get(i - 1), published.get(i)).toMillis());
        }
        System.out.printf("topology: %d full CRLs published in %d s by two nodes checking every second; gaps (ms) %s%n",
                published.size(), CRL_PERIOD.multipliedBy(4).toSeconds(), gaps);
        assertThat(published).hasSizeBetween(2, 5);
        // thisUpdate has whole seconds: a period of 3 s never shows a gap under 2 s unless two nodes published it.
        assertThat(gaps).allMatch(gap -> gap >= CRL_PERIOD.minusSeconds(1).toMillis());
    }

    @Test
    @Order(4)
    void whenPostgresqlFreezes_thenTheApiAnswers503FastThePkiServesFromMemoryAndAllRecovers() throws Exception {
        BigInteger serial = serialOf(postJson(adminDirect, nodeA.api("/api/v1/admin/certificates"),
                issueJson("OUTAGE-1"), UUID.randomUUID().toString())).orElseThrow();
        // Through the front a card holder's request (an administrator's certificate forwarded by a front has
        // no administrator rights, by design: administrators reach the nodes directly).
        URI throughFront = front.api("/api/v1/me");
        assertThat(get(adminThroughFront, throughFront).statusCode()).isEqualTo(200);
        for (NodeProcess node : List.of(nodeA, nodeB)) {
            assertThat(ocspStatus(plain, node.pki("/pki/ocsp"), issuingCa, serial)).isEqualTo("good");
        }
        long logLinesBeforeA = nodeA.logLines();
        long logLinesBeforeB = nodeB.logLines();
        long logLinesBefore = logLinesBeforeA + logLinesBeforeB;
        database.freeze();
        long frozenAt = System.nanoTime();
        List<Long> apiMillis = new ArrayList<>();
        int pkiAnswers = 0;
        try {
            while (System.nanoTime() - frozenAt < FREEZE.toNanos()) {
                long started = System.nanoTime();
                HttpResponse<byte[]> api = get(adminThroughFront, throughFront);
                apiMillis.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                assertThat(api.statusCode()).as(text(api)).isEqualTo(503);
                assertThat(api.headers().firstValue("Retry-After")).isPresent();
                assertThat(text(api)).contains("service-unavailable");
                HttpResponse<byte[]> direct = get(adminDirect, nodeB.api("/api/v1/admin/certificates/" + serial.toString(16)));
                assertThat(direct.statusCode()).as(text(direct)).isEqualTo(503);
                assertThat(ocspStatus(plain, front.pki("/pki/ocsp"), issuingCa, serial)).isEqualTo("good");
                assertThat(get(plain, front.pki("/pki/crl/act.crl")).statusCode()).isEqualTo(200);
                pkiAnswers += 2;
                Thread.sleep(200);
            }
        } finally {
            database.thaw();
        }
        long thawedAt = System.nanoTime();
        int recoveredAfterMillis = -1;
        while (System.nanoTime() - thawedAt < Duration.ofSeconds(30).toNanos()) {
            if (get(adminThroughFront, throughFront).statusCode() == 200
                    && get(adminDirect, nodeB.api("/api/v1/admin/certificates/" + serial.toString(16))).statusCode() == 200) {
                recoveredAfterMillis = (int) Duration.ofNanos(System.nanoTime() - thawedAt).toMillis();
                break;
            }
            Thread.sleep(100);
        }
        long logLines = nodeA.logLines() + nodeB.logLines() - logLinesBefore;
        List<Long> afterFirst = apiMillis.subList(Math.min(3, apiMillis.size()), apiMillis.size());
        System.out.printf("topology: PostgreSQL frozen %d s: %d API calls all 503 (first %s ms, then at most %d ms),"
                        + " %d PKI answers from memory, API back %d ms after the thaw, %d log lines on both nodes%n",
                FREEZE.toSeconds(), apiMillis.size(), apiMillis.subList(0, Math.min(3, apiMillis.size())),
                afterFirst.stream().mapToLong(Long::longValue).max().orElse(-1), pkiAnswers, recoveredAfterMillis, logLines);
        assertThat(apiMillis.get(0)).isLessThan(17_000);
        assertThat(afterFirst).allMatch(millis -> millis < 1_000);
        assertThat(recoveredAfterMillis).isBetween(0, 10_000);
        assertThat(logLines).as("node A:%n%s%nnode B:%n%s", nodeA.logAfter(logLinesBeforeA), nodeB.logAfter(logLinesBeforeB))
                .isLessThan(40);
        assertThat(serialOf(postJson(adminDirect, nodeB.api("/api/v1/admin/certificates"), issueJson("OUTAGE-2"),
                UUID.randomUUID().toString()))).isPresent();
    }

    @Test
    @Order(5)
    void whenADumpOfTheRunningSystemIsRestoredIntoAFreshServer_thenCertificatesOcspAndTheAuditChainAreTheSame() throws Exception {
        Path dump = work.resolve("cartes.dump");
        script("db-backup.sh", database, dump.toString());
        try (PostgresServer restored = PostgresServer.create(work)) {
            script("db-restore.sh", restored, dump.toString());
            String certificatesQuery = "select serial || ':' || status || ':' || coalesce(encode(sha256(der), 'hex'), '-') || ':'"
                    + " || coalesce(revocation_reason, '-') from certificate where status <> 'pending' order by serial";
            List<String> original;
            List<String> copy;
            String lastHash;
            try (Connection connection = database.connect(); Connection restoredConnection = restored.connect()) {
                copy = strings(restoredConnection, certificatesQuery);
                original = strings(connection, certificatesQuery + "");
                // the last chained event (events committed just before the dump may not be chained yet)
                lastHash = strings(restoredConnection, "select hash from audit_event where chain_position is not null"
                        + " order by chain_position desc limit 1").get(0);
                assertThat(strings(connection, "select hash from audit_event where hash = '" + lastHash + "'")).hasSize(1);
            }
            // The original has moved on since the dump (CRLs every 3 s, no issuance meanwhile): every restored row is there.
            assertThat(original).containsAll(copy);
            int intact = new CommandLine(new AuditVerifyCommand()).execute("--jdbc-url", restored.jdbcUrl(), "--user", PostgresServer.USER);
            assertThat(intact).as("audit-verify on the restored database").isZero();

            try (NodeProcess restoredNode = NodeProcess.start("restored", sharedData, work.resolve("logs"), restored, nodeProperties)) {
                Map<String, String> answers = new HashMap<>();
                try (Connection restoredConnection = restored.connect()) {
                    for (String row : strings(restoredConnection, "select serial || ':' || status from certificate"
                            + " where ca_id = 'act' and status in ('good', 'revoked') order by created_at desc limit 6")) {
                        String[] parts = row.split(":");
                        BigInteger serial = new BigInteger(parts[0], 16);
                        String onRestored = ocspStatus(plain, restoredNode.pki("/pki/ocsp"), issuingCa, serial);
                        assertThat(onRestored).isEqualTo(ocspStatus(plain, nodeA.pki("/pki/ocsp"), issuingCa, serial))
                                .isEqualTo(parts[1]);
                        answers.put(parts[0], onRestored);
                    }
                }
                System.out.printf("topology: backup of the running system restored into a fresh server: %d certificates,"
                        + " audit chain intact up to %s..., OCSP on a node of the restored server agrees: %s%n",
                        copy.size(), lastHash.substring(0, 12), answers.values());
            }
        }
    }

    @Test
    @Order(6)
    void whenANodeIsKilledDuringHundredsOfIssuances_thenNothingIsLostAndRecoveryRevokesWhatWasNeverDelivered() throws Exception {
        int issuances = 200;
        Map<String, BigInteger> received = new ConcurrentHashMap<>();
        AtomicInteger retries = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        List<NodeProcess> nodes = List.of(nodeA, nodeB);
        for (int i = 0; i < issuances; i++) {
            String key = UUID.randomUUID().toString();
            String body = issueJson("CRASH-" + i);
            int first = i % 2;
            calls.add(clients.submit(() -> {
                try {
                    // An administrators' client spreads its calls over the nodes and, when one fails, retries the
                    // same Idempotency-Key on the other (administrators reach the nodes directly, not through the front).
                    for (int attempt = 0; attempt < 20; attempt++) {
                        NodeProcess node = nodes.get((first + attempt) % 2);
                        try {
                            HttpResponse<byte[]> response = postJson(adminDirect, node.api("/api/v1/admin/certificates"), body, key);
                            if (response.statusCode() == 201) {
                                received.put(key, serialOf(response).orElseThrow());
                                return null;
                            }
                            assertThat(response.statusCode()).as(text(response)).isIn(500, 502, 503, 504);
                        } catch (IOException e) {
                            // the connection died with the node, or the node is gone: retry with the same key
                        }
                        retries.incrementAndGet();
                        Thread.sleep(100);
                    }
                    return null;
                } finally {
                    done.incrementAndGet();
                }
            }));
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (done.get() < issuances / 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        nodeB.kill();
        System.out.printf("topology: node b killed (kill -9) after %d of %d issuances had been answered%n", done.get(), issuances);
        for (Future<?> call : calls) {
            call.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The front keeps serving through node a alone: the PKI repository and the card holders' API.
        for (int i = 0; i < 10; i++) {
            assertThat(get(plain, front.pki("/pki/crl/act.crl")).statusCode()).isEqualTo(200);
            assertThat(ocspStatus(plain, front.pki("/pki/ocsp"), issuingCa, received.values().iterator().next())).isEqualTo("good");
            assertThat(get(adminThroughFront, front.api("/api/v1/me")).statusCode()).isEqualTo(200);
        }

        Set<BigInteger> distinct = new HashSet<>(received.values());
        long pendingAfterCrash;
        try (Connection connection = database.connect()) {
            for (Map.Entry<String, BigInteger> certificate : received.entrySet()) {
                assertThat(strings(connection, "select status from certificate where serial = '" + certificate.getValue().toString(16)
                        + "' and der is not null")).as("received certificate %s on record", certificate.getValue()).containsExactly("good");
            }
            pendingAfterCrash = count(connection, "select count(*) from certificate where holder_id like 'CRASH-%' and status = 'pending'");
        }
        // After the grace period the recovery job of the surviving node revokes what was reserved and never delivered.
        Thread.sleep(RECOVERY_GRACE.plusSeconds(5).toMillis());
        List<String> recovered;
        long pendingAfterRecovery;
        long recoveryEvents;
        try (Connection connection = database.connect()) {
            pendingAfterRecovery = count(connection, "select count(*) from certificate where holder_id like 'CRASH-%' and status = 'pending'");
            recovered = strings(connection, "select serial from certificate where holder_id like 'CRASH-%' and status = 'revoked'"
                    + " and revocation_reason = 'superseded'");
            recoveryEvents = count(connection, "select count(*) from audit_event where action = 'certificate.revoked'"
                    + " and details->>'cause' = 'reservation-not-delivered' and target in (select 'certificate:' || serial"
                    + " from certificate where holder_id like 'CRASH-%')");
            assertThat(count(connection, "select count(*) from certificate where holder_id like 'CRASH-%' and status = 'good'"))
                    .isEqualTo(received.size());
        }
        for (String serial : recovered) {
            assertThat(ocspStatus(plain, front.pki("/pki/ocsp"), issuingCa, new BigInteger(serial, 16))).isEqualTo("revoked");
        }
        int intact = new CommandLine(new AuditVerifyCommand()).execute("--jdbc-url", database.jdbcUrl(), "--user", PostgresServer.USER);
        System.out.printf("topology: kill -9 during %d concurrent issuances (16 clients, %d s): received %d, distinct serials %d,"
                        + " recorded issued %d, pending after the crash %d, revoked by recovery %d (%d audit events),"
                        + " pending after recovery %d, client retries %d, audit chain %s; the front served 30 requests through node a alone%n",
                issuances, took.toSeconds(), received.size(), distinct.size(), received.size(), pendingAfterCrash, recovered.size(),
                recoveryEvents, pendingAfterRecovery, retries.get(), intact == 0 ? "intact" : "BROKEN");
        assertThat(received).hasSize(issuances);
        assertThat(distinct).hasSize(issuances);
        assertThat(pendingAfterRecovery).isZero();
        // Some reservations may have passed their grace period before the last client finished: at least those still pending then.
        assertThat((long) recovered.size()).isGreaterThanOrEqualTo(pendingAfterCrash).isEqualTo(recoveryEvents);
        assertThat(intact).isZero();
    }

    private static void script(String name, PostgresServer server, String argument) {
        Path script = Path.of(System.getProperty("user.dir")).getParent().resolve("scripts").resolve(name);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), argument).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGHOST", "127.0.0.1", "PGPORT", Integer.toString(server.port()),
                "PGUSER", PostgresServer.USER, "PGDATABASE", PostgresServer.DATABASE));
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor()).as(name + ": " + output).isZero();
            System.out.print("topology: " + output);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (var statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

}
