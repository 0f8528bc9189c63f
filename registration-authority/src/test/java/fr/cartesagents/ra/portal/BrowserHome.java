package fr.cartesagents.ra.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import fr.cartesagents.ca.testutil.RequiredTool;

/**
 * A browser's {@code $HOME}: its NSS database ({@code ~/.pki/nssdb}, where Chromium on Linux keeps
 * trust anchors and client certificates) trusts our CA chain for the server's TLS certificate and,
 * when given, holds a person's client certificate and key, imported with NSS's own
 * {@code certutil}/{@code pk12util} as a person would. Chromium asks which certificate to present
 * through a dialog a headless browser cannot answer: the AutoSelectCertificateForUrls policy, in a
 * managed-policy file that names only this test server's origin, answers it (removed on close).
 */
final class BrowserHome implements AutoCloseable {

    static final RequiredTool CERTUTIL = RequiredTool.onPath("certutil", "libnss3-tools");
    static final RequiredTool PK12UTIL = RequiredTool.onPath("pk12util", "libnss3-tools");
    private static final Path POLICIES = Path.of("/etc/chromium/policies/managed");

    private final Path home;
    private final Optional<Path> policy;

    private BrowserHome(Path home, Optional<Path> policy) {
        this.home = home;
        this.policy = policy;
    }

    Path path() {
        return home;
    }

    /** A home whose browser trusts {@code caChain} (PEM) and presents no certificate. */
    static BrowserHome trusting(Path parent, Path caChain) {
        Path home = create(parent);
        trust(home, caChain);
        return new BrowserHome(home, Optional.empty());
    }

    /**
     * A home whose browser trusts {@code caChain} and presents the certificate of {@code pkcs12} to
     * {@code origin}, selected without a dialog.
     */
    static BrowserHome withClientCertificate(Path parent, Path caChain, Path pkcs12, String password, URI origin) {
        Path home = create(parent);
        trust(home, caChain);
        try {
            Path passwordFile = home.resolve("p12.password");
            Files.writeString(passwordFile, password);
            run(List.of(PK12UTIL.require().toString(), "-i", pkcs12.toString(), "-d", database(home), "-w", passwordFile.toString(),
                    "-K", ""));
            if (!Files.isWritable(POLICIES) && !canCreate(POLICIES)) {
                String message = "The AutoSelectCertificateForUrls policy needs a writable " + POLICIES
                        + " (Chromium reads managed policies there only); run the tests as root or make it writable";
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new AssertionError(message);
                }
                org.junit.jupiter.api.Assumptions.abort(message);
            }
            String pattern = origin.getScheme() + "://" + origin.getHost() + ":" + origin.getPort();
            Path file = POLICIES.resolve("cartes-portal-test-" + origin.getPort() + ".json");
            Files.writeString(file, "{\"AutoSelectCertificateForUrls\": [\"{\\\"pattern\\\":\\\"" + pattern
                    + "\\\",\\\"filter\\\":{}}\"]}\n");
            return new BrowserHome(home, Optional.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean canCreate(Path directory) {
        try {
            Files.createDirectories(directory);
            return Files.isWritable(directory);
        } catch (IOException e) {
            return false;
        }
    }

    private static Path create(Path parent) {
        try {
            Path home = Files.createTempDirectory(parent, "home-");
            Files.createDirectories(home.resolve(".pki/nssdb"));
            run(List.of(CERTUTIL.require().toString(), "-N", "-d", database(home), "--empty-password"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void trust(Path home, Path caChain) {
        try (InputStream in = Files.newInputStream(caChain)) {
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                Path pem = home.resolve("ca-" + i + ".pem");
                Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(((X509Certificate) certificate).getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
                run(List.of(CERTUTIL.require().toString(), "-A", "-d", database(home), "-n", "cartes-ca-" + i++, "-t", "C,,", "-i",
                        pem.toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String database(Path home) {
        return "sql:" + home.resolve(".pki/nssdb");
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        policy.ifPresent(file -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
