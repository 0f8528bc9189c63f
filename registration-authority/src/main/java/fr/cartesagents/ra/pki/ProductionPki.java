package fr.cartesagents.ra.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.cert.X509CertificateHolder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import fr.cartesagents.ca.token.Pkcs12CryptoToken;
import fr.cartesagents.ra.security.ServerTlsMaterial;

/**
 * The PKI of a production deployment: nothing is created, everything comes from {@code cartes.pki.*}
 * (certificates from the key ceremony, keys in their tokens). A missing property stops the start
 * with the full list of what is missing.
 */
public final class ProductionPki {

    private ProductionPki() {
    }

    static OperationalPki load(PkiProperties properties, PkiSettings settings) {
        requireConfigured(properties);
        try {
            X509CertificateHolder root = PemFiles.readCertificate(properties.root().certificate());
            X509CertificateHolder issuing = PemFiles.readCertificate(properties.issuing().certificate());
            X509CertificateHolder ocsp = PemFiles.readCertificate(properties.ocsp().certificate());
            CaSigner issuingSigner = new CaSigner(issuing, openToken(properties.issuing().token()), properties.issuing().keyAlias());
            CaSigner ocspSigner = new CaSigner(ocsp, openToken(properties.ocsp().token()), properties.ocsp().keyAlias());

            KeyStore store = KeyStore.getInstance("PKCS12");
            char[] password = properties.tls().keyStorePassword().toCharArray();
            try (InputStream in = Files.newInputStream(properties.tls().keyStore())) {
                store.load(in, password);
            }
            String alias = Collections.list(store.aliases()).stream().filter(a -> isKeyEntry(store, a)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cartes.pki.tls.key-store holds no private key"));
            List<X509Certificate> chain = Stream.of(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList();
            ServerTlsMaterial tls = new ServerTlsMaterial((PrivateKey) store.getKey(alias, password), chain,
                    List.of(DemoCeremony.x509(issuing)));
            return new OperationalPki(root, Optional.empty(), issuingSigner, ocspSigner, tls, settings,
                    properties.publicBaseUrl(),
                    List.of(new OperationalPki.CeremonyCertificate(ocsp, fr.cartesagents.ca.profile.ProfileCatalog.OCSP_SIGNER)),
                    Optional.empty());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the production PKI files", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot open the HTTPS key store cartes.pki.tls.key-store", e);
        }
    }

    static void requireConfigured(PkiProperties properties) {
        List<String> missing = missingPki(properties);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The production profile does not create keys: configure " + String.join(", ", missing)
                    + " (see application-production.yml)");
        }
    }

    static List<String> missingPki(PkiProperties properties) {
        List<String> missing = new ArrayList<>();
        if (properties.publicBaseUrl() == null || blank(properties.publicBaseUrl().toString())) {
            missing.add("cartes.pki.public-base-url");
        }
        if (blank(properties.root().certificate())) {
            missing.add("cartes.pki.root.certificate");
        }
        requireCa("issuing", properties.issuing(), missing);
        requireCa("ocsp", properties.ocsp(), missing);
        if (blank(properties.tls().keyStore())) {
            missing.add("cartes.pki.tls.key-store");
        }
        if (blank(properties.tls().keyStorePassword())) {
            missing.add("cartes.pki.tls.key-store-password");
        }
        return missing;
    }

    private static boolean blank(Object value) {
        return value == null || value.toString().isBlank();
    }

    private static void requireCa(String name, PkiProperties.Ca ca, List<String> missing) {
        String prefix = "cartes.pki." + name + ".";
        if (blank(ca.certificate())) {
            missing.add(prefix + "certificate");
        }
        if (blank(ca.keyAlias())) {
            missing.add(prefix + "key-alias");
        }
        PkiProperties.Token token = ca.token();
        if (token.type() == null || !(token.type().equals("pkcs11") || token.type().equals("pkcs12"))) {
            missing.add(prefix + "token.type (pkcs11 or pkcs12)");
        } else if (token.type().equals("pkcs11")) {
            if (blank(token.module())) {
                missing.add(prefix + "token.module");
            }
            if (blank(token.tokenLabel())) {
                missing.add(prefix + "token.token-label");
            }
            if (blank(token.pin())) {
                missing.add(prefix + "token.pin");
            }
        } else {
            if (blank(token.file())) {
                missing.add(prefix + "token.file");
            }
            if (blank(token.password())) {
                missing.add(prefix + "token.password");
            }
        }
    }

    private static CryptoToken openToken(PkiProperties.Token token) {
        if (token.type().equals("pkcs11")) {
            return Pkcs11CryptoToken.open(new Pkcs11Settings(token.module(), token.tokenLabel(), token.pin().toCharArray()));
        }
        return Pkcs12CryptoToken.open(token.file(), token.password().toCharArray());
    }

    private static boolean isKeyEntry(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

}
