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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Issuance through the HTTPS API under load ({@code benchmarks/issuance-load.sh}): {@code CLIENTS}
 * threads, each with its own TLS connection as the administrator (client certificate), post
 * {@code POST /api/v1/admin/certificates} with a fresh Idempotency-Key and one of the given CSRs
 * (PEM files, used in turn) for {@code SECONDS}, after a warm-up of a third of that. Prints
 * certificates per second (201 answers), the other answers by status, and the latency percentiles.
 * With {@code -Dload.cpu=server=PID,postgres=PID+}, also the CPU time each named process (with a
 * {@code +}, and its descendants: PostgreSQL's backends) spent per certificate over the measured window: on a shared
 * machine, the figure that does not depend on how much of the CPU the processes were given.
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
        Map<String, String> processes = cpuProcesses(System.getProperty("load.cpu", ""));
        sleepUntil(warmUpEnd);
        Map<String, Duration> cpuBefore = cpu(processes);
        Map<String, Duration> jitBefore = jitCompilers(processes);
        sleepUntil(end);
        Map<String, Duration> cpuAfter = cpu(processes);
        Map<String, Duration> jitAfter = jitCompilers(processes);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(java.util.Locale.ROOT, "clients %d, %d s measured: %d certificates, %.1f certificates/s; p50 %.1f ms, p99 %.1f ms;"
                        + " other answers %s%n", clients, seconds, issued.sum(), issued.sum() / (double) seconds,
                percentile(sorted, 0.50), percentile(sorted, 0.99), others);
        if (!processes.isEmpty() && issued.sum() > 0) {
            StringJoiner perCertificate = new StringJoiner(", ", "  CPU per certificate: ", "");
            cpuAfter.forEach((name, after) -> perCertificate.add(String.format(java.util.Locale.ROOT, "%s %.2f ms%s", name,
                    after.minus(cpuBefore.get(name)).toNanos() / 1e6 / issued.sum(), jitAfter.get(name).isZero() ? ""
                            : String.format(java.util.Locale.ROOT, " (of which the JIT compiler threads %.2f ms)",
                            jitAfter.get(name).minus(jitBefore.get(name)).toNanos() / 1e6 / issued.sum()))));
            System.out.println(perCertificate);
        }
    }

    /** "server=123,postgres=456+" as names to processes, in that order ({@code +}: with its descendants). */
    private static Map<String, String> cpuProcesses(String spec) {
        Map<String, String> processes = new LinkedHashMap<>();
        for (String entry : spec.split(",")) {
            if (!entry.isBlank()) {
                String[] nameAndPid = entry.split("=", 2);
                processes.put(nameAndPid[0].strip(), nameAndPid[1].strip());
            }
        }
        return processes;
    }

    /** CPU time (user + system) of each process (and, with "+", its descendants) so far; a process gone counts as nothing. */
    private static Map<String, Duration> cpu(Map<String, String> processes) {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.forEach((name, pid) -> times.put(name, ProcessHandle.of(Long.parseLong(pid.replace("+", "")))
                .map(process -> Stream.concat(Stream.of(process), pid.endsWith("+") ? process.descendants() : Stream.empty())
                        .map(member -> member.info().totalCpuDuration().orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus))
                .orElse(Duration.ZERO)));
        return times;
    }

    /**
     * CPU time of each process's JIT compiler threads ("C1/C2 CompilerThread", in /proc/PID/task/TID/stat, in
     * clock ticks of 10 ms): a JVM still compiling spends a share of its CPU that its steady state will not,
     * all the more on a loaded machine where the compilers are late.
     */
    private static Map<String, Duration> jitCompilers(Map<String, String> processes) {
        Map<String, Duration> times = new LinkedHashMap<>();
        processes.forEach((name, pid) -> {
            long ticks = 0;
            try (Stream<Path> tasks = Files.list(Path.of("/proc", pid.replace("+", ""), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String stat;
                    try {
                        stat = Files.readString(task.resolve("stat"));
                    } catch (java.io.IOException gone) {
                        continue;
                    }
                    String command = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (command.matches("C\\d CompilerThre.*")) {
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                ticks = 0;
            }
            times.put(name, Duration.ofMillis(ticks * 10));
        });
        return times;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
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
