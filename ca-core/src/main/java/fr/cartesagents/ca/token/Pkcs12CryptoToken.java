package fr.cartesagents.ca.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A software token backed by a password-protected PKCS#12 file: for tests, demonstrations and
 * development CAs, never for a production root (use {@link Pkcs11CryptoToken} on an HSM).
 *
 * <p>Every change is written to a temporary file in the same directory and then atomically moved
 * over the token file, so a crash never leaves a half-written key store; the file is created
 * readable by its owner only where the file system supports POSIX permissions.
 *
 * <p>PKCS#12 can only hold a private key together with a certificate, so a freshly generated key
 * is stored with a self-signed placeholder certificate until {@link #storeCertificateChain} replaces it.
 */
public final class Pkcs12CryptoToken implements CryptoToken {

    private static final String KEY_STORE_TYPE = "PKCS12";

    private final Path file;
    private final char[] password;
    private final KeyStore keyStore;
    private final SecureRandom random = new SecureRandom();
    /**
     * Private keys already decrypted: unwrapping a PKCS#12 key runs its password-based KDF, which
     * would otherwise cost several milliseconds on every signature.
     */
    private final Map<String, PrivateKey> unlockedKeys = new HashMap<>();
    private boolean closed;

    private Pkcs12CryptoToken(Path file, char[] password, KeyStore keyStore) {
        this.file = file;
        this.password = password;
        this.keyStore = keyStore;
    }

    /**
     * Creates a new, empty token file.
     *
     * @throws CryptoTokenException if the file already exists or cannot be written
     */
    public static Pkcs12CryptoToken create(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new CryptoTokenException("PKCS#12 token " + absolute + " already exists");
        }
        try {
            KeyStore keyStore = KeyStore.getInstance(KEY_STORE_TYPE);
            keyStore.load(null, null);
            Pkcs12CryptoToken token = new Pkcs12CryptoToken(absolute, password.clone(), keyStore);
            token.persist();
            return token;
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoTokenException("Cannot create PKCS#12 token " + absolute, e);
        }
    }

    /**
     * Opens an existing token file.
     *
     * @throws CryptoTokenException if the file is missing, unreadable, or the password is wrong
     */
    public static Pkcs12CryptoToken open(Path file, char[] password) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(password, "password");
        Path absolute = file.toAbsolutePath();
        if (!Files.isRegularFile(absolute)) {
            throw new CryptoTokenException("PKCS#12 token " + absolute + " does not exist");
        }
        try (InputStream in = Files.newInputStream(absolute)) {
            KeyStore keyStore = KeyStore.getInstance(KEY_STORE_TYPE);
            keyStore.load(in, password);
            return new Pkcs12CryptoToken(absolute, password.clone(), keyStore);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                // Deliberately without the cause: it adds nothing and some providers echo parameters.
                throw new CryptoTokenException("Cannot open PKCS#12 token " + absolute + ": wrong password");
            }
            throw new CryptoTokenException("Cannot open PKCS#12 token " + absolute + ": unreadable or wrong password");
        } catch (GeneralSecurityException e) {
            throw new CryptoTokenException("Cannot open PKCS#12 token " + absolute + ": " + e.getClass().getSimpleName());
        }
    }

    /** The token file. */
    public Path file() {
        return file;
    }

    @Override
    public String description() {
        return "PKCS#12 token " + file;
    }

    @Override
    public synchronized PublicKey generateKeyPair(String alias, KeySpec spec) {
        requireAlias(alias);
        Objects.requireNonNull(spec, "spec");
        ensureOpen();
        try {
            if (keyStore.containsAlias(alias)) {
                throw new CryptoTokenException("Alias '" + alias + "' already exists in " + description());
            }
            KeyPair keyPair = newKeyPair(spec);
            X509Certificate placeholder = placeholderCertificate(alias, keyPair, spec);
            keyStore.setKeyEntry(alias, keyPair.getPrivate(), password, new Certificate[] {placeholder});
            try {
                persist();
            } catch (IOException | GeneralSecurityException e) {
                // Keep memory and file in agreement: a key that was not saved does not exist.
                keyStore.deleteEntry(alias);
                throw e;
            }
            return keyPair.getPublic();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new CryptoTokenException("Cannot generate " + spec + " key '" + alias + "' in " + description(), e);
        }
    }

    @Override
    public synchronized Optional<PublicKey> publicKey(String alias) {
        requireAlias(alias);
        ensureOpen();
        try {
            if (!keyStore.isKeyEntry(alias)) {
                return Optional.empty();
            }
            Certificate certificate = keyStore.getCertificate(alias);
            return Optional.ofNullable(certificate).map(Certificate::getPublicKey);
        } catch (GeneralSecurityException e) {
            throw new CryptoTokenException("Cannot read key '" + alias + "' in " + description(), e);
        }
    }

    @Override
    public ContentSigner contentSigner(String alias, SignatureAlgorithm algorithm) {
        requireAlias(alias);
        Objects.requireNonNull(algorithm, "algorithm");
        PrivateKey privateKey = privateKey(alias);
        if (algorithm.isRsa() != "RSA".equals(privateKey.getAlgorithm())) {
            throw new CryptoTokenException(
                    "Key '" + alias + "' in " + description() + " is " + privateKey.getAlgorithm() + ", cannot sign " + algorithm);
        }
        try {
            return new JcaContentSignerBuilder(algorithm.jcaName()).setSecureRandom(random).build(privateKey);
        } catch (OperatorCreationException e) {
            throw new CryptoTokenException("Cannot sign with key '" + alias + "' in " + description(), e);
        }
    }

    /**
     * Replaces the placeholder certificate of {@code alias} with its real chain, leaf first. The leaf
     * must certify the key stored under the alias.
     */
    public synchronized void storeCertificateChain(String alias, X509CertificateHolder... chain) {
        requireAlias(alias);
        Objects.requireNonNull(chain, "chain");
        if (chain.length == 0) {
            throw new IllegalArgumentException("The certificate chain is empty");
        }
        ensureOpen();
        try {
            PrivateKey privateKey = privateKey(alias);
            Certificate[] oldChain = keyStore.getCertificateChain(alias);
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            Certificate[] newChain = new Certificate[chain.length];
            for (int i = 0; i < chain.length; i++) {
                newChain[i] = converter.getCertificate(Objects.requireNonNull(chain[i], "chain element"));
            }
            PublicKey stored = keyStore.getCertificate(alias).getPublicKey();
            if (!Arrays.equals(stored.getEncoded(), newChain[0].getPublicKey().getEncoded())) {
                throw new CryptoTokenException("Certificate " + chain[0].getSubject()
                        + " does not certify key '" + alias + "' in " + description());
            }
            keyStore.setKeyEntry(alias, privateKey, password, newChain);
            try {
                persist();
            } catch (IOException | GeneralSecurityException e) {
                keyStore.setKeyEntry(alias, privateKey, password, oldChain);
                throw e;
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoTokenException("Cannot store the certificate chain of '" + alias + "' in " + description(), e);
        }
    }

    /** The certificate chain stored with {@code alias} (the placeholder until a real chain is stored), leaf first. */
    public synchronized Optional<X509CertificateHolder[]> certificateChain(String alias) {
        requireAlias(alias);
        ensureOpen();
        try {
            Certificate[] chain = keyStore.getCertificateChain(alias);
            if (chain == null) {
                return Optional.empty();
            }
            X509CertificateHolder[] holders = new X509CertificateHolder[chain.length];
            for (int i = 0; i < chain.length; i++) {
                holders[i] = new X509CertificateHolder(chain[i].getEncoded());
            }
            return Optional.of(holders);
        } catch (GeneralSecurityException | IOException e) {
            throw new CryptoTokenException("Cannot read the certificate chain of '" + alias + "' in " + description(), e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        unlockedKeys.clear();
        Arrays.fill(password, '\0');
    }

    private synchronized PrivateKey privateKey(String alias) {
        ensureOpen();
        PrivateKey unlocked = unlockedKeys.get(alias);
        if (unlocked != null) {
            return unlocked;
        }
        try {
            Key key = keyStore.getKey(alias, password);
            if (key instanceof PrivateKey privateKey) {
                unlockedKeys.put(alias, privateKey);
                return privateKey;
            }
            throw new CryptoTokenException("No private key '" + alias + "' in " + description());
        } catch (GeneralSecurityException e) {
            throw new CryptoTokenException("Cannot read private key '" + alias + "' in " + description(), e);
        }
    }

    private KeyPair newKeyPair(KeySpec spec) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(spec.algorithm());
        if (spec.isRsa()) {
            generator.initialize(new RSAKeyGenParameterSpec(spec.size(), RSAKeyGenParameterSpec.F4), random);
        } else {
            generator.initialize(new ECGenParameterSpec(spec.curveName()), random);
        }
        return generator.generateKeyPair();
    }

    private X509Certificate placeholderCertificate(String alias, KeyPair keyPair, KeySpec spec)
            throws OperatorCreationException, CertificateException {
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, "Placeholder for key " + alias)
                .build();
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                new BigInteger(64, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                keyPair.getPublic());
        SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(keyPair.getPublic());
        ContentSigner signer = new JcaContentSignerBuilder(algorithm.jcaName()).setSecureRandom(random).build(keyPair.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    /** Writes the key store next to the token file, flushes it to disk, then atomically replaces the file. */
    private void persist() throws IOException, GeneralSecurityException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        keyStore.store(buffer, password);
        Path directory = file.getParent();
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, "." + file.getFileName(), ".tmp", ownerOnly(directory));
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(buffer.toByteArray());
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Cannot replace " + file, e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path directory) {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

    private void ensureOpen() {
        if (closed) {
            throw new CryptoTokenException(description() + " is closed");
        }
    }

    private static void requireAlias(String alias) {
        Objects.requireNonNull(alias, "alias");
        if (alias.isBlank()) {
            throw new IllegalArgumentException("A key alias must not be blank");
        }
    }
}
