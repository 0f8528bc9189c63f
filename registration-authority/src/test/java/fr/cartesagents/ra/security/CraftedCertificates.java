package fr.cartesagents.ra.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client certificates a test makes on purpose, outside the registration authority's records: signed
 * by our issuing CA's key (but never recorded), expired, or from another CA altogether.
 */
final class CraftedCertificates {

    static final String PASSWORD = "crafted";

    private CraftedCertificates() {
    }

    record Crafted(X509Certificate certificate, Path keyStore) {
    }

    /** A client certificate signed by {@code signer} for {@code issuer}, valid from {@code notBefore} to {@code notAfter}. */
    static Crafted clientCertificate(Path directory, X500Name issuer, ContentSigner signer, Instant notBefore, Instant notAfter) {
        try {
            KeyPair keys = rsaKeys();
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()).setBit(63),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=Crafted client,O=Test,C=FR"), keys.getPublic())
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .build(signer);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
            return new Crafted(certificate, keyStore(directory, keys, certificate));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client certificate from a self-made CA this server has never heard of. */
    static Crafted fromAnotherCa(Path directory) {
        try {
            KeyPair caKeys = rsaKeys();
            X500Name caName = new X500Name("CN=Another CA,O=Elsewhere,C=FR");
            ContentSigner caSigner = new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate());
            new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, Date.from(Instant.now().minusSeconds(3600)),
                    Date.from(Instant.now().plusSeconds(86_400)), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)).build(caSigner);
            return clientCertificate(directory, caName, caSigner, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificateIn(Path keyStore, String password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(keyStore)) {
                store.load(in, password.toCharArray());
            }
            return (X509Certificate) store.getCertificate(store.aliases().nextElement());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of {@code X-Client-Certificate} as nginx's {@code $ssl_client_escaped_cert} writes it. */
    /** Lists {@code certificate} as a trusted front's, which may then forward users' certificates. */
    static void registerTrustedFront(org.springframework.r2dbc.core.DatabaseClient database, X509Certificate certificate) {
        try {
            database.sql("insert into trusted_front (fingerprint_sha256, label) values (:fingerprint, 'test front')")
                    .bind("fingerprint", CertificateFingerprint.sha256(certificate.getEncoded())).then().block();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String escapedPem(X509Certificate certificate) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            return URLEncoder.encode(pem, StandardCharsets.US_ASCII).replace("+", "%20");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A client that presents the crafted certificate whatever the server asks for: the JDK would
     * otherwise keep back a certificate whose issuer the server did not list, and the server would
     * never see it.
     */
    static java.net.http.HttpClient presentingAnyway(Crafted crafted, Path caChain) {
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(crafted.keyStore())) {
                keys.load(in, PASSWORD.toCharArray());
            }
            java.security.PrivateKey key = (java.security.PrivateKey) keys.getKey("client", PASSWORD.toCharArray());
            javax.net.ssl.X509ExtendedKeyManager forced = new javax.net.ssl.X509ExtendedKeyManager() {
                @Override public String[] getClientAliases(String type, java.security.Principal[] issuers) { return new String[] {"client"}; }
                @Override public String chooseClientAlias(String[] type, java.security.Principal[] issuers, java.net.Socket socket) { return "client"; }
                @Override public String chooseEngineClientAlias(String[] type, java.security.Principal[] issuers, javax.net.ssl.SSLEngine engine) { return "client"; }
                @Override public String[] getServerAliases(String type, java.security.Principal[] issuers) { return null; }
                @Override public String chooseServerAlias(String type, java.security.Principal[] issuers, java.net.Socket socket) { return null; }
                @Override public X509Certificate[] getCertificateChain(String alias) { return new X509Certificate[] {crafted.certificate()}; }
                @Override public java.security.PrivateKey getPrivateKey(String alias) { return key; }
            };
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            try (var in = Files.newInputStream(caChain)) {
                int i = 0;
                for (var ca : java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    trust.setCertificateEntry("ca" + i++, ca);
                }
            }
            javax.net.ssl.TrustManagerFactory trustManagers =
                    javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
            ssl.init(new javax.net.ssl.KeyManager[] {forced}, trustManagers.getTrustManagers(), null);
            return java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static Path keyStore(Path directory, KeyPair keys, X509Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {certificate});
        Path file = Files.createTempFile(directory, "crafted-", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
