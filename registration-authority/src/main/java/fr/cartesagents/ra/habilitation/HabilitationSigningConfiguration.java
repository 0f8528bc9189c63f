package fr.cartesagents.ra.habilitation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import fr.cartesagents.ra.config.CartesDataDirectory;

/**
 * The key of the habilitation statements: from {@code cartes.habilitation.signing.*} when
 * configured (required under the {@code production} profile, which creates no key), otherwise
 * generated once in the data directory ({@code pki/habilitation-signing.p12} and its password
 * file, both readable by the owner only) and reused at every start.
 */
@Configuration(proxyBeanMethods = false)
class HabilitationSigningConfiguration {

    static final String DEMO_KEY_STORE = "habilitation-signing.p12";
    private static final Logger LOG = LoggerFactory.getLogger(HabilitationSigningConfiguration.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    @Bean
    HabilitationSigningKey habilitationSigningKey(HabilitationProperties properties, Environment environment,
                                                  CartesDataDirectory dataDirectory) {
        HabilitationProperties.Signing signing = properties.signing();
        if (signing.keyStore() != null) {
            if (signing.keyStorePassword() == null) {
                throw new IllegalStateException("cartes.habilitation.signing.key-store is set: set its key-store-password too");
            }
            return load(signing.keyStore(), signing.keyStorePassword(), signing.keyAlias());
        }
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            List<String> missing = new ArrayList<>(List.of("cartes.habilitation.signing.key-store"));
            if (signing.keyStorePassword() == null) {
                missing.add("cartes.habilitation.signing.key-store-password");
            }
            throw new IllegalStateException("The production profile does not create keys: configure " + String.join(", ", missing)
                    + " (an EC P-256 key in a PKCS#12 file; see docs/security-model.md)");
        }
        return demoKey(dataDirectory.pki());
    }

    @Bean
    HabilitationStatements habilitationStatements(HabilitationSigningKey key, HabilitationProperties properties, Clock clock) {
        return new HabilitationStatements(key, clock, properties.statementLifetime(), properties.issuer());
    }

    private static HabilitationSigningKey demoKey(Path directory) {
        Path keyStore = directory.resolve(DEMO_KEY_STORE);
        Path passwordFile = directory.resolve(DEMO_KEY_STORE + ".password");
        try {
            if (!Files.exists(keyStore)) {
                Files.createDirectories(directory);
                generate(keyStore, passwordFile);
                LOG.info("Generated the habilitation statement key in {}", keyStore);
            }
            return load(keyStore, Files.readString(passwordFile).strip(), "habilitation");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the habilitation statement key in " + directory, e);
        }
    }

    private static HabilitationSigningKey load(Path file, String password, String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            if (!(store.getKey(alias, password.toCharArray()) instanceof ECPrivateKey privateKey)
                    || !(store.getCertificate(alias) instanceof X509Certificate certificate)
                    || !(certificate.getPublicKey() instanceof ECPublicKey publicKey)) {
                throw new IllegalStateException("The key store " + file + " has no EC key entry '" + alias + "' with its certificate");
            }
            return HabilitationSigningKey.of(privateKey, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the habilitation key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the habilitation key store " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** A fresh P-256 key in a PKCS#12 file (with the self-signed certificate PKCS#12 wants), both files mode 0600. */
    private static void generate(Path keyStore, Path passwordFile) throws IOException {
        byte[] random = new byte[18];
        SecureRandom secureRandom = new SecureRandom();
        secureRandom.nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), secureRandom);
            KeyPair keys = generator.generateKeyPair();
            X500Principal name = new X500Principal("CN=Cartes Agents habilitation statements");
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                    name, new BigInteger(64, secureRandom).setBit(63), Date.from(now), Date.from(now.plus(Duration.ofDays(3650))),
                    name, keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("habilitation", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
            Path temporary = keyStore.resolveSibling(keyStore.getFileName() + ".new");
            ownerOnly(temporary);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, password.toCharArray());
            }
            ownerOnly(passwordFile);
            Files.writeString(passwordFile, password);
            Files.move(temporary, keyStore, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot generate the habilitation statement key", e);
        }
    }

    private static void ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
    }
}
