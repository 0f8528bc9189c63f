package fr.cartesagents.ra.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.RegistrationAuthorityApplication;
import fr.cartesagents.ra.database.EmbeddedDatabase;
import fr.cartesagents.ra.security.ApiListener;
import fr.cartesagents.ra.security.CertificateFingerprint;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * The production profile, configured with the keys of a ceremony (here the demo's, as an operator
 * would copy them) and an external database: it starts, creates no key and no database of its own,
 * publishes the offline root's CRL it is given, and serves the API to the configured administrator.
 */
class ProductionStartTest extends RunningServer {

    @TempDir
    Path work;

    @Test
    void whenTheProductionProfileIsFullyConfigured_thenItServesThePkiAndTheApiWithTheGivenKeys() throws Exception {
        Path pki = dataDirectory().resolve("pki");
        Properties secrets = new Properties();
        try (var reader = Files.newBufferedReader(pki.resolve("demo-secrets.properties"))) {
            secrets.load(reader);
        }
        byte[] rootCrl = get(HttpClient.newHttpClient(), pki("/pki/crl/root.crl")).body();
        Path rootCrlFile = work.resolve("root.crl");
        Files.write(rootCrlFile, rootCrl);
        Path productionData = Files.createDirectory(work.resolve("production-data"));
        String adminFingerprint = CertificateFingerprint.sha256(PemFiles.readCertificate(pki.resolve("admin.pem")).getEncoded());

        List<String> properties = new ArrayList<>(List.of(
                "cartes.data-dir=" + productionData, "server.port=0", "cartes.api.port=0", "cartes.api.address=127.0.0.1",
                "cartes.pki.public-base-url=http://pki.example.test",
                "cartes.pki.root.certificate=" + pki.resolve("root.pem"),
                "cartes.pki.root.crl=" + rootCrlFile,
                "cartes.pki.issuing.certificate=" + pki.resolve("act.pem"),
                "cartes.pki.ocsp.certificate=" + pki.resolve("ocsp.pem"),
                "cartes.pki.ocsp.token.type=pkcs12",
                "cartes.pki.ocsp.token.file=" + pki.resolve("ocsp.p12"),
                "cartes.pki.ocsp.token.password=" + secrets.getProperty("ocsp.pkcs12.password"),
                "cartes.pki.tls.key-store=" + pki.resolve("tls.p12"),
                "cartes.pki.tls.key-store-password=" + secrets.getProperty("tls.pkcs12.password"),
                "cartes.security.administrator-fingerprints=" + adminFingerprint,
                "cartes.habilitation.signing.key-store=" + pki.resolve("habilitation-signing.p12"),
                "cartes.habilitation.signing.key-store-password=" + readString(pki.resolve("habilitation-signing.p12.password")),
                "cartes.audit.signing.key-store=" + work.resolve("audit-signer.p12"),
                "cartes.audit.signing.key-store-password=audit-signer-test-password"));
        if ("pkcs11".equals(secrets.getProperty("act.token"))) {
            properties.addAll(List.of("cartes.pki.issuing.token.type=pkcs11",
                    "cartes.pki.issuing.token.module=" + secrets.getProperty("act.pkcs11.module"),
                    "cartes.pki.issuing.token.token-label=" + secrets.getProperty("act.pkcs11.token-label"),
                    "cartes.pki.issuing.token.pin=" + secrets.getProperty("act.pkcs11.user-pin")));
        } else {
            properties.addAll(List.of("cartes.pki.issuing.token.type=pkcs12",
                    "cartes.pki.issuing.token.file=" + pki.resolve("act.p12"),
                    "cartes.pki.issuing.token.password=" + secrets.getProperty("act.pkcs12.password")));
        }

        // Production keeps the card master key in the HSM (cartes.card-secrets.type=pkcs11): the ceremony made it in a token.
        fr.cartesagents.ca.token.Pkcs11Settings cardSecretsToken = fr.cartesagents.ca.testutil.SoftHsmFixture.get().newToken("cartes");
        try (var token = fr.cartesagents.ca.token.Pkcs11CryptoToken.open(cardSecretsToken)) {
            fr.cartesagents.ca.cardsecret.Pkcs11MasterKey.generate(token, "card-master-key");
        }
        properties.addAll(List.of("cartes.card-secrets.type=pkcs11",
                "cartes.card-secrets.module=" + cardSecretsToken.modulePath(),
                "cartes.card-secrets.token-label=" + cardSecretsToken.tokenLabel(),
                "cartes.card-secrets.pin=" + new String(cardSecretsToken.userPin())));

        try (EmbeddedDatabase external = EmbeddedDatabase.start(work.resolve("external-pg"))) {
            properties.add("spring.r2dbc.url=" + external.r2dbcUrl());
            properties.add("spring.r2dbc.username=" + EmbeddedDatabase.USER);
            properties.add("spring.r2dbc.password=unused-by-trust-authentication"); // required by the production profile
            try (ConfigurableApplicationContext production = new SpringApplicationBuilder(RegistrationAuthorityApplication.class)
                    .profiles("production").properties(properties.toArray(String[]::new)).run()) {
                int httpPort = Integer.parseInt(production.getEnvironment().getProperty("local.server.port"));
                int apiPort = production.getBean(ApiListener.class).port();

                HttpResponse<byte[]> cas = get(HttpClient.newHttpClient(), URI.create("http://localhost:" + httpPort + "/pki/ca"));
                assertThat(text(cas)).contains("\"act\"").contains("\"root\"").contains("\"ocsp\"");
                HttpResponse<byte[]> servedRootCrl = get(HttpClient.newHttpClient(),
                        URI.create("http://localhost:" + httpPort + "/pki/crl/root.crl"));
                assertThat(servedRootCrl.body()).isEqualTo(rootCrl);
                assertThat(get(HttpClient.newHttpClient(), URI.create("http://localhost:" + httpPort + "/pki/crl/act.crl"))
                        .statusCode()).isEqualTo(200);

                // No demo login in production: the route does not exist, and a bearer token is no credential.
                assertThat(postJson(administratorClient(), URI.create("https://localhost:" + apiPort + "/api/v1/demo/login"),
                        "{\"user\": \"maire\"}", null).statusCode()).isEqualTo(404);
                assertThat(send(anonymousClient(), java.net.http.HttpRequest.newBuilder(
                                URI.create("https://localhost:" + apiPort + "/api/v1/me"))
                        .header("Authorization", "Bearer anything").GET().build()).statusCode()).isEqualTo(401);
                assertThat(production.getBeanNamesForType(fr.cartesagents.ra.security.Actors.class)).hasSize(1);
                assertThat(production.containsBean("demoLoginController")).isFalse();
                assertThat(production.containsBean("demoUsers")).isFalse();
                // The audit signing key was created where configured, and signs checkpoints.
                assertThat(Files.exists(work.resolve("audit-signer.p12"))).isTrue();

                String csr = CertificateRequests.csr(OpenSsl.require(), work, "production", "ec");
                HttpResponse<byte[]> issued = postJson(administratorClient(),
                        URI.create("https://localhost:" + apiPort + "/api/v1/admin/certificates"),
                        CertificateRequests.issueJson("signature", csr, "PROD-1"), newKey());
                assertThat(issued.statusCode()).as(text(issued)).isEqualTo(201);
                // The URLs in new certificates come from the production configuration.
                String pem = tools.jackson.databind.json.JsonMapper.builder().build().readTree(issued.body())
                        .get("certificatePem").asString();
                Path certificate = work.resolve("production.pem");
                Files.writeString(certificate, pem);
                assertThat(OpenSsl.require().runSuccessfully("x509", "-in", certificate.toString(), "-noout", "-text").stdout())
                        .contains("http://pki.example.test/pki/ocsp").contains("http://pki.example.test/pki/crl/act.crl");
            }
        }
        try (var created = Files.list(productionData)) {
            assertThat(created.map(path -> path.getFileName().toString()).toList()).doesNotContain("pki", "postgres", "admin.p12");
        }
    }
}
