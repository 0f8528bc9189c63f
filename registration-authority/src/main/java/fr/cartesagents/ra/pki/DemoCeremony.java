package fr.cartesagents.ra.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.hierarchy.KeyCeremony;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.issuance.DistinguishedName;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;
import fr.cartesagents.ra.config.CartesDataDirectory;
import fr.cartesagents.ra.security.CertificateFingerprint;
import fr.cartesagents.ra.security.ServerTlsMaterial;

/**
 * The demo PKI: on the first start with an empty data directory, a key ceremony creates the root
 * (PKCS#12), the issuing CA (in SoftHSM2 when installed, else PKCS#12), its OCSP signer, the TLS
 * certificate of the HTTPS listener and an administrator's client certificate; on later starts the
 * same keys are opened again.
 *
 * <p>The ceremony works in a staging directory that is renamed to {@code pki/} only when complete,
 * so that an interrupted ceremony is started again rather than half-loaded. Then the files for the
 * operator are written beside it: {@code admin.p12}, {@code admin.p12.password}, {@code ca-chain.pem}.
 */
final class DemoCeremony {

    static final X500Name ROOT_NAME = new X500Name("CN=AC Racine Cartes Agents (démo),O=Cartes Agents (démo),C=FR");
    static final X500Name ISSUING_NAME =
            new X500Name("CN=AC Acteurs des Collectivités Territoriales (démo),O=Cartes Agents (démo),C=FR");
    static final X500Name OCSP_NAME = new X500Name("CN=Répondeur OCSP ACT (démo),O=Cartes Agents (démo),C=FR");
    static final X500Name ADMIN_NAME = new X500Name("CN=Administrateur (démo),O=Cartes Agents (démo),C=FR");

    static final String ADMIN_P12 = "admin.p12";
    static final String ADMIN_P12_PASSWORD = "admin.p12.password";
    static final String CA_CHAIN = "ca-chain.pem";

    private static final Logger LOG = LoggerFactory.getLogger(DemoCeremony.class);
    /** Root and OCSP signer keys; the issuing CA's comes from {@link DemoCaNames}. */
    private static final KeySpec CA_KEY = KeySpec.RSA_2048;
    /** Service certificates (OCSP signer, TLS, administrator) are renewed this long before they expire. */
    static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final String ROOT_ALIAS = "root";
    private static final String ISSUING_ALIAS = "act";
    private static final String OCSP_ALIAS = "ocsp";
    private static final String TLS_ALIAS = "tls";
    private static final String ADMIN_ALIAS = "admin";
    private static final String PKCS11 = "pkcs11";
    private static final String PKCS12 = "pkcs12";

    private final CartesDataDirectory dataDirectory;
    private final URI publicBaseUrl;
    private final PkiSettings settings;
    private final DemoCaNames names;
    private final List<String> tlsNames;
    private final Path softHsmModule;
    private final Clock clock;

    DemoCeremony(CartesDataDirectory dataDirectory, URI publicBaseUrl, PkiSettings settings, List<String> tlsNames,
                 Path softHsmModule, Clock clock) {
        this(dataDirectory, publicBaseUrl, settings, DemoCaNames.defaults(), tlsNames, softHsmModule, clock);
    }

    DemoCeremony(CartesDataDirectory dataDirectory, URI publicBaseUrl, PkiSettings settings, DemoCaNames names,
                 List<String> tlsNames, Path softHsmModule, Clock clock) {
        this.dataDirectory = dataDirectory;
        this.publicBaseUrl = publicBaseUrl;
        this.settings = settings;
        this.names = names;
        this.tlsNames = List.copyOf(tlsNames);
        this.softHsmModule = softHsmModule;
        this.clock = clock;
    }

    /** Runs the ceremony if it never completed in this data directory, then opens its keys. */
    OperationalPki establish() {
        try {
            Path pki = dataDirectory.pki();
            if (!Files.isDirectory(pki)) {
                LOG.info("No PKI in {}: running the demo key ceremony", dataDirectory.root());
                Path staging = dataDirectory.resolve("pki.staging");
                deleteRecursively(staging);
                OwnerOnlyFiles.createDirectory(dataDirectory.root());
                OwnerOnlyFiles.createDirectory(staging);
                createIn(staging);
                Files.move(staging, pki, StandardCopyOption.ATOMIC_MOVE);
                writeOperatorFiles(pki);
                LOG.info("Demo PKI ready; administrator credentials in {} (password in {})",
                        dataDirectory.resolve(ADMIN_P12), dataDirectory.resolve(ADMIN_P12_PASSWORD));
            }
            return open(pki);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo key ceremony failed in " + dataDirectory.root(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The demo key ceremony failed in " + dataDirectory.root(), e);
        }
    }

    private void createIn(Path staging) throws IOException, GeneralSecurityException {
        DemoSecrets secrets = DemoSecrets.empty();

        try (Pkcs12CryptoToken rootToken = Pkcs12CryptoToken.create(staging.resolve("root.p12"),
                secrets.generate("root.pkcs12.password").toCharArray())) {
            X509CertificateHolder root = KeyCeremony.createRoot(rootToken, ROOT_ALIAS, CA_KEY, names.root(),
                    settings.rootCaValidity(), settings, clock);
            PemFiles.writeCertificate(staging.resolve("root.pem"), root);
            CaSigner rootSigner = new CaSigner(root, rootToken, ROOT_ALIAS);

            try (CryptoToken issuingToken = createIssuingToken(staging, secrets)) {
                X509CertificateHolder issuing = KeyCeremony.createIssuingCa(rootSigner, issuingToken, ISSUING_ALIAS,
                        names.issuingKey(), names.issuing(), settings.issuingCaValidity(),
                        OperationalPki.rootUrls(publicBaseUrl), settings, clock);
                PemFiles.writeCertificate(staging.resolve("act.pem"), issuing);
                CaSigner issuingSigner = new CaSigner(issuing, issuingToken, ISSUING_ALIAS);

                try (Pkcs12CryptoToken ocspToken = Pkcs12CryptoToken.create(staging.resolve("ocsp.p12"),
                        secrets.generate("ocsp.pkcs12.password").toCharArray())) {
                    X509CertificateHolder ocsp = KeyCeremony.createOcspSigner(issuingSigner, ocspToken, OCSP_ALIAS, CA_KEY,
                            names.ocsp(), settings.ocspSignerValidity(), settings, clock);
                    PemFiles.writeCertificate(staging.resolve("ocsp.pem"), ocsp);
                }

                writeTlsKeyStore(staging, issuingSigner, root, secrets.generate("tls.pkcs12.password"));
                writeAdministrator(staging, issuingSigner, root, secrets.generate("admin.pkcs12.password"));
            }
        }
        secrets.write(staging.resolve(DemoSecrets.FILE_NAME));
    }

    private CryptoToken createIssuingToken(Path staging, DemoSecrets secrets) {
        Optional<SoftHsmLocation> softHsm = SoftHsmLocation.find(softHsmModule);
        if (softHsm.isPresent()) {
            String label = "cartes-act-" + DemoSecrets.randomSecret().substring(0, 8);
            try {
                String userPin = secrets.generate("act.pkcs11.user-pin");
                Pkcs11CryptoToken.initializeToken(softHsm.get().module(), label,
                        secrets.generate("act.pkcs11.so-pin").toCharArray(), userPin.toCharArray());
                Pkcs11CryptoToken token = Pkcs11CryptoToken.open(new Pkcs11Settings(softHsm.get().module(), label, userPin.toCharArray()));
                secrets.put("act.token", PKCS11);
                secrets.put("act.pkcs11.module", softHsm.get().module().toString());
                secrets.put("act.pkcs11.token-label", label);
                LOG.info("The demo issuing CA key is generated in SoftHSM2 token '{}' ({})", label, softHsm.get().configuration());
                return token;
            } catch (RuntimeException e) {
                LOG.warn("SoftHSM2 could not take the demo issuing CA key ({}); using a PKCS#12 file instead", e.getMessage());
            }
        }
        secrets.put("act.token", PKCS12);
        return Pkcs12CryptoToken.create(staging.resolve("act.p12"), secrets.generate("act.pkcs12.password").toCharArray());
    }

    private OperationalPki open(Path pki) throws IOException, GeneralSecurityException {
        DemoSecrets secrets = DemoSecrets.read(pki.resolve(DemoSecrets.FILE_NAME));
        X509CertificateHolder root = PemFiles.readCertificate(pki.resolve("root.pem"));
        X509CertificateHolder issuing = PemFiles.readCertificate(pki.resolve("act.pem"));
        X509CertificateHolder ocsp = PemFiles.readCertificate(pki.resolve("ocsp.pem"));
        X509CertificateHolder admin = PemFiles.readCertificate(pki.resolve("admin.pem"));

        CryptoToken rootToken = Pkcs12CryptoToken.open(pki.resolve("root.p12"), secrets.get("root.pkcs12.password").toCharArray());
        CryptoToken issuingToken = PKCS11.equals(secrets.get("act.token"))
                ? Pkcs11CryptoToken.open(new Pkcs11Settings(Path.of(secrets.get("act.pkcs11.module")),
                        secrets.get("act.pkcs11.token-label"), secrets.get("act.pkcs11.user-pin").toCharArray()))
                : Pkcs12CryptoToken.open(pki.resolve("act.p12"), secrets.get("act.pkcs12.password").toCharArray());
        CryptoToken ocspToken = Pkcs12CryptoToken.open(pki.resolve("ocsp.p12"), secrets.get("ocsp.pkcs12.password").toCharArray());
        CaSigner issuingSigner = new CaSigner(issuing, issuingToken, ISSUING_ALIAS);

        // The service certificates live a year: renewed at start-up when they near their end.
        String ocspAlias = secrets.getOrDefault("ocsp.alias", OCSP_ALIAS);
        if (dueForRenewal(ocsp)) {
            ocspAlias = OCSP_ALIAS + "-" + clock.instant().getEpochSecond();
            ocsp = KeyCeremony.createOcspSigner(issuingSigner, ocspToken, ocspAlias, CA_KEY, names.ocsp(),
                    settings.ocspSignerValidity(), settings, clock);
            PemFiles.writeCertificate(pki.resolve("ocsp.pem"), ocsp);
            secrets.put("ocsp.alias", ocspAlias);
            secrets.write(pki.resolve(DemoSecrets.FILE_NAME));
            LOG.info("Renewed the demo OCSP signer certificate (key '{}', until {})", ocspAlias, ocsp.getNotAfter().toInstant());
        }
        if (dueForRenewal(tlsCertificateIn(pki, secrets))) {
            writeTlsKeyStore(pki, issuingSigner, root, secrets.get("tls.pkcs12.password"));
            LOG.info("Renewed the TLS certificate of the HTTPS listener");
        }
        if (dueForRenewal(admin)) {
            writeAdministrator(pki, issuingSigner, root, secrets.get("admin.pkcs12.password"));
            writeOperatorFiles(pki);
            admin = PemFiles.readCertificate(pki.resolve("admin.pem"));
            LOG.info("Renewed the demo administrator certificate in {}", dataDirectory.resolve(ADMIN_P12));
        }

        KeyStore tlsStore = readKeyStore(pki.resolve("tls.p12"), secrets.get("tls.pkcs12.password"));
        char[] tlsPassword = secrets.get("tls.pkcs12.password").toCharArray();
        PrivateKey tlsKey = (PrivateKey) tlsStore.getKey(TLS_ALIAS, tlsPassword);
        List<X509Certificate> tlsChain = Stream.of(tlsStore.getCertificateChain(TLS_ALIAS)).map(X509Certificate.class::cast).toList();
        X509CertificateHolder tlsCertificate = new X509CertificateHolder(tlsChain.get(0).getEncoded());

        ServerTlsMaterial tls = new ServerTlsMaterial(tlsKey, tlsChain, List.of(x509(issuing)));
        return new OperationalPki(root, Optional.of(new CaSigner(root, rootToken, ROOT_ALIAS)),
                issuingSigner, new CaSigner(ocsp, ocspToken, ocspAlias),
                tls, settings, publicBaseUrl,
                List.of(new OperationalPki.CeremonyCertificate(ocsp, ProfileCatalog.OCSP_SIGNER),
                        new OperationalPki.CeremonyCertificate(tlsCertificate, ProfileCatalog.TLS_SERVER),
                        new OperationalPki.CeremonyCertificate(admin, ProfileCatalog.TLS_CLIENT)),
                Optional.of(CertificateFingerprint.sha256(admin.getEncoded())));
    }

    private boolean dueForRenewal(X509CertificateHolder certificate) {
        return certificate.getNotAfter().toInstant().isBefore(clock.instant().plus(RENEW_BEFORE));
    }

    private static X509CertificateHolder tlsCertificateIn(Path pki, DemoSecrets secrets) throws IOException, GeneralSecurityException {
        KeyStore store = readKeyStore(pki.resolve("tls.p12"), secrets.get("tls.pkcs12.password"));
        return new X509CertificateHolder(store.getCertificate(TLS_ALIAS).getEncoded());
    }

    /** A fresh key and certificate for the HTTPS listener, in {@code tls.p12}. */
    private void writeTlsKeyStore(Path pki, CaSigner issuing, X509CertificateHolder root, String password)
            throws IOException, GeneralSecurityException {
        KeyPair key = ecKeyPair();
        X509CertificateHolder tls = KeyCeremony.issueTlsServer(issuing, key.getPublic(), tlsNames, settings.serviceValidity(),
                OperationalPki.issuingUrlsOf(publicBaseUrl), clock);
        writeKeyStore(pki.resolve("tls.p12"), TLS_ALIAS, key.getPrivate(), password, tls, issuing.certificate(), root);
    }

    /** A fresh key and client certificate for the demo administrator, in {@code admin.p12} and {@code admin.pem}. */
    private void writeAdministrator(Path pki, CaSigner issuing, X509CertificateHolder root, String password)
            throws IOException, GeneralSecurityException {
        KeyPair key = ecKeyPair();
        X509CertificateHolder admin = CertificateAuthority.builder().signer(issuing)
                // The server makes this key itself (P-256): cartes.pki.profiles.holder-key-types restricts cards, not it.
                .profiles(ProfileCatalog.of(ProfileCatalog.standard(settings.withHolderKeys(EnumSet.of(KeySpec.EC_P256)))
                        .byName(ProfileCatalog.TLS_CLIENT)))
                .urls(OperationalPki.issuingUrlsOf(publicBaseUrl)).clock(clock).build()
                .issueForTrustedKey(ProfileCatalog.TLS_CLIENT,
                        SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()), new DistinguishedName(ADMIN_NAME))
                .certificate();
        writeKeyStore(pki.resolve(ADMIN_P12), ADMIN_ALIAS, key.getPrivate(), password, admin, issuing.certificate(), root);
        PemFiles.writeCertificate(pki.resolve("admin.pem"), admin);
    }

    private void writeOperatorFiles(Path pki) throws IOException {
        DemoSecrets secrets = DemoSecrets.read(pki.resolve(DemoSecrets.FILE_NAME));
        OwnerOnlyFiles.write(dataDirectory.resolve(ADMIN_P12), Files.readAllBytes(pki.resolve(ADMIN_P12)));
        OwnerOnlyFiles.write(dataDirectory.resolve(ADMIN_P12_PASSWORD),
                secrets.get("admin.pkcs12.password").getBytes(StandardCharsets.UTF_8));
        PemFiles.writeChain(dataDirectory.resolve(CA_CHAIN),
                List.of(PemFiles.readCertificate(pki.resolve("act.pem")), PemFiles.readCertificate(pki.resolve("root.pem"))));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static void writeKeyStore(Path file, String alias, PrivateKey key, String password,
                                      X509CertificateHolder... chain) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Certificate[] certificates = new Certificate[chain.length];
        for (int i = 0; i < chain.length; i++) {
            certificates[i] = x509(chain[i]);
        }
        store.setKeyEntry(alias, key, password.toCharArray(), certificates);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        OwnerOnlyFiles.createEmpty(temporary);
        try (OutputStream out = Files.newOutputStream(temporary)) {
            store.store(out, password.toCharArray());
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static KeyStore readKeyStore(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    static X509Certificate x509(X509CertificateHolder holder) throws CertificateException {
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
