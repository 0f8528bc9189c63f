package fr.cartesagents.ra.testsupport;

import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;

/**
 * Gives a test person what a card gives them for real: an authentication certificate issued by
 * our CA (through the administrator API) with their holder id, in a PKCS#12 file, so that a test
 * client logs in with mutual TLS as that person.
 */
final class CardLogins {

    static final String PASSWORD = "card-login-test";

    private CardLogins() {
    }

    /** The PKCS#12 file of {@code person}'s new authentication key and certificate. */
    static Path issue(RunningServer server, HttpClient administrator, TestPerson person) {
        return issue(server::postJson, server::api, server.dataDirectory(), administrator, person);
    }

    /** How to post to the server under test (its {@code postJson}). */
    interface Poster {
        java.net.http.HttpResponse<byte[]> postJson(HttpClient client, java.net.URI uri, String json, String idempotencyKey);
    }

    /** The same for any running server: its API's base, its data directory (where the file is written). */
    static Path issue(Poster server, java.util.function.Function<String, java.net.URI> api, Path dataDirectory,
                      HttpClient administrator, TestPerson person) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=" + person.holderId()), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(csr);
            }
            String body = """
                    {"profile": "authentication", "csr": "%s", "subject": {"givenName": "%s", "surname": "%s",
                     "organization": "Commune de test", "siren": "218201127", "holderId": "%s"}}"""
                    .formatted(pem.toString().replace("\n", "\\n"), person.givenNames(), person.birthName(), person.holderId());
            var response = server.postJson(administrator, api.apply("/api/v1/admin/certificates"), body, RunningServer.newKey());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Issuing a login certificate failed: " + RunningServer.text(response));
            }
            String json = RunningServer.text(response);
            String certificatePem = json.substring(json.indexOf("-----BEGIN CERTIFICATE-----"),
                    json.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length()).replace("\\n", "\n");
            X509Certificate certificate;
            try (PEMParser parser = new PEMParser(new StringReader(certificatePem))) {
                certificate = new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) parser.readObject());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("card", keys.getPrivate(), PASSWORD.toCharArray(), new X509Certificate[] {certificate});
            Path file = Files.createTempFile(dataDirectory, "card-", ".p12");
            try (var out = Files.newOutputStream(file)) {
                store.store(out, PASSWORD.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
