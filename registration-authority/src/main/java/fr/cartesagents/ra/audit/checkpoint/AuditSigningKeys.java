package fr.cartesagents.ra.audit.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.profile.CertificateProfile;
import fr.cartesagents.ca.profile.KeyUsageBit;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.profile.ProfileKind;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ra.pki.OperationalPki;

/**
 * The audit signing key, in a PKCS#12 file (mode 0600): opened when it exists, otherwise (and when
 * its certificate nears its end) a new P-256 key is generated and certified by our issuing CA under
 * the {@link #PROFILE} profile. Old checkpoints stay verifiable: each carries its signer's certificate.
 */
final class AuditSigningKeys {

    /** id-kp-documentSigning (RFC 9336): what marks a certificate as able to sign checkpoints; card certificates lack it. */
    static final String DOCUMENT_SIGNING = "1.3.6.1.5.5.7.3.36";
    static final String PROFILE = "audit-signer";
    static final X500Name SUBJECT = new X500Name("CN=Journal d'audit Cartes Agents,O=Cartes Agents,C=FR");
    private static final String ALIAS = "audit-signer";
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final Logger LOG = LoggerFactory.getLogger(AuditSigningKeys.class);

    private AuditSigningKeys() {
    }

    /** The profile of audit signer certificates: a service certificate with digitalSignature, nonRepudiation and id-kp-documentSigning. */
    static CertificateProfile profile(OperationalPki pki) {
        return new CertificateProfile(PROFILE, ProfileKind.TLS_CLIENT,
                EnumSet.of(KeyUsageBit.DIGITAL_SIGNATURE, KeyUsageBit.NON_REPUDIATION), true, List.of(DOCUMENT_SIGNING),
                List.of(pki.settings().servicePolicyOid()), pki.settings().serviceValidity(), EnumSet.of(KeySpec.EC_P256),
                OptionalInt.empty(), false, true);
    }

    static AuditSigner openOrCreate(Path file, char[] password, OperationalPki pki, Clock clock) {
        try {
            if (Files.exists(file)) {
                AuditSigner signer = open(file, password);
                if (!signer.certificate().getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE))) {
                    return signer;
                }
                LOG.info("The audit signer certificate ends on {}: renewing the audit signing key", signer.certificate().getNotAfter());
            } else {
                LOG.info("No audit signing key in {}: creating one, certified by the issuing CA", file);
            }
            create(file, password, pki, clock);
            return open(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the audit signing key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the audit signing key store " + file + " (wrong password?)", e);
        }
    }

    private static AuditSigner open(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password);
        }
        String alias = store.containsAlias(ALIAS) ? ALIAS : store.aliases().nextElement();
        List<X509Certificate> chain = Stream.of(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
        return new AuditSigner((PrivateKey) store.getKey(alias, password), chain);
    }

    private static void create(Path file, char[] password, OperationalPki pki, Clock clock) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        X509CertificateHolder certificate = CertificateAuthority.builder().signer(pki.issuing())
                .profiles(ProfileCatalog.of(profile(pki))).urls(pki.issuingUrls()).clock(clock).build()
                .issueForTrustedKey(PROFILE, SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), new DistinguishedName(SUBJECT))
                .certificate();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, key.getPrivate(), password, new Certificate[] {converter.getCertificate(certificate),
                converter.getCertificate(pki.issuing().certificate())});
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        writeOwnerOnly(temporary, new byte[0]);
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Creates {@code file} readable by its owner only (where POSIX permissions exist), then writes {@code content}. */
    static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.write(file, content);
    }
}
