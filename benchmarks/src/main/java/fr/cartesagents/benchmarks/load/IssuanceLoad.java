package fr.cartesagents.benchmarks.load;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issuance through the HTTPS API under load ({@code benchmarks/issuance-load.sh}): {@code CLIENTS}
 * threads, each with its own TLS connection as the administrator (client certificate), post
 * {@code POST /api/v1/admin/certificates} with a fresh Idempotency-Key and one of the given CSRs
 * (PEM files, used in turn) for {@code SECONDS}, after a warm-up of a third of that. Prints
 * certificates per second (201 answers), the other answers by status, and the latency percentiles.
 *
 * <p>Usage: {@code IssuanceLoad API_BASE_URL ADMIN_P12 PASSWORD CA_CHAIN_PEM CLIENTS SECONDS CSR_FILE...}
 */
public final class IssuanceLoad {

    private IssuanceLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: IssuanceLoad API_BASE_URL ADMIN_P12 PASSWORD CA_CHAIN_PEM CLIENTS SECONDS CSR_FILE...");
            System.exit(2);
        }
        URI target = URI.create(args[0] + "/api/v1/admin/certificates");
        SSLContext tls = tls(Path.of(args[1]), args[2].toCharArray(), Path.of(args[3]));
        int clients = Integer.parseInt(args[4]);
        long seconds = Long.parseLong(args[5]);
        List<String> bodies = new ArrayList<>();
        for (String file : Arrays.asList(args).subList(6, args.length)) {
            String pem = Files.readString(Path.of(file)).strip().replace("\n", "\\n");
            bodies.add("{\"profile\": \"authentication\", \"csr\": \"" + pem + "\", \"subject\": {\"givenName\": \"Marie\","
                    + " \"surname\": \"Dupont\", \"organization\": \"COMMUNE DE MOISSAC\", \"siren\": \"218201127\","
                    + " \"holderId\": \"ACT-LOAD\"}}");
        }
        LongAdder issued = new LongAdder();
        ConcurrentHashMap<Integer, LongAdder> others = new ConcurrentHashMap<>();
        List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong next = new AtomicLong();
        long warmUpEnd = System.nanoTime() + seconds * 1_000_000_000L / 3;
        long end = warmUpEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            HttpClient client = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
            Thread thread = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                while (true) {
                    long started = System.nanoTime();
                    if (started >= end) {
                        break;
                    }
                    String body = bodies.get((int) (next.getAndIncrement() % bodies.size()));
                    HttpRequest request = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    int status;
                    try {
                        status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (Exception e) {
                        status = -1;
                    }
                    long finished = System.nanoTime();
                    if (started < warmUpEnd || finished > end) {
                        continue;
                    }
                    if (status == 201) {
                        issued.increment();
                        mine.add(finished - started);
                    } else {
                        others.computeIfAbsent(status, s -> new LongAdder()).increment();
                    }
                }
                latencies.addAll(mine);
            }, "issuance-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(java.util.Locale.ROOT, "clients %d, %d s measured: %d certificates, %.1f certificates/s; p50 %.1f ms, p99 %.1f ms;"
                        + " other answers %s%n", clients, seconds, issued.sum(), issued.sum() / (double) seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), others);
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }

    private static SSLContext tls(Path p12, char[] password, Path chainPem) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            keys.load(in, password);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(chainPem)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca-" + i++, (X509Certificate) certificate);
            }
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
