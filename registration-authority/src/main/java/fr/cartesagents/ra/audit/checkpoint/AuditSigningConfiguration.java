package fr.cartesagents.ra.audit.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.beans.factory.InitializingBean;

import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.config.CartesDataDirectory;
import fr.cartesagents.ra.certificate.CaIds;
import fr.cartesagents.ra.pki.OperationalPki;

/**
 * The audit signing key. Production: {@code cartes.audit.signing.key-store} (PKCS#12 path) and
 * {@code cartes.audit.signing.key-store-password} are required, the server refuses to start without
 * them; the key store is created there at the first start (key generated, certified by the issuing
 * CA) and renewed near its end. Demo: {@code <data-dir>/audit/audit-signer.p12}, its password in
 * {@code audit-signer.p12.password} beside it, both mode 0600. Its certificate is put on record
 * (profile {@code audit-signer}) so that OCSP and CRLs can speak of it.
 */
@Configuration(proxyBeanMethods = false)
class AuditSigningConfiguration {

    static final String KEY_STORE = "cartes.audit.signing.key-store";
    static final String KEY_STORE_PASSWORD = "cartes.audit.signing.key-store-password";

    @Bean
    AuditSigner auditSigner(Environment environment, OperationalPki pki, CartesDataDirectory dataDirectory, Clock clock,
                            AuditSigningProperties properties) {
        String keyStore = properties.keyStore();
        String password = properties.keyStorePassword();
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            List<String> missing = missing(keyStore, password);
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The production profile needs the audit signing key: configure "
                        + String.join(", ", missing) + " (see application-production.yml)");
            }
            return AuditSigningKeys.openOrCreate(Path.of(keyStore), password.toCharArray(), pki, clock);
        }
        Path file = keyStore.isBlank() ? dataDirectory.resolve("audit").resolve("audit-signer.p12") : Path.of(keyStore);
        String secret = password.isBlank() ? demoPassword(file.resolveSibling(file.getFileName() + ".password")) : password;
        return AuditSigningKeys.openOrCreate(file, secret.toCharArray(), pki, clock);
    }

    /** Puts the signer's certificate on record, after the PKI start-up has recorded the CAs it refers to. */
    @Bean
    @DependsOn("pkiStartup")
    InitializingBean auditSignerOnRecord(AuditSigner signer, CertificateRecords certificates) {
        return () -> {
            try {
                certificates.insert(CaIds.ISSUING, new X509CertificateHolder(signer.certificate().getEncoded()), AuditSigningKeys.PROFILE,
                        Optional.empty(), true).block(Duration.ofMinutes(1));
            } catch (IOException | java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException("Cannot record the audit signer certificate", e);
            }
        };
    }

    static List<String> missing(String keyStore, String password) {
        List<String> missing = new ArrayList<>();
        if (keyStore == null || keyStore.isBlank()) {
            missing.add(KEY_STORE);
        }
        if (password == null || password.isBlank()) {
            missing.add(KEY_STORE_PASSWORD);
        }
        return missing;
    }

    private static String demoPassword(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            AuditSigningKeys.writeOwnerOnly(file, password.getBytes(StandardCharsets.US_ASCII));
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the demo audit key store password in " + file, e);
        }
    }
}
