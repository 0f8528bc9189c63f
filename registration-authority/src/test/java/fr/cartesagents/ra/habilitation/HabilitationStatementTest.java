package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.StandardEnvironment;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.config.CartesDataDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * Signed habilitation statements: verified with the published JWK Set by the JOSE library, by a
 * JDK-only verifier and by openssl; refused once expired; the key kept private in the data
 * directory, and required from a key store by the production profile.
 */
class HabilitationStatementTest extends CheckTestBase {

    private static final String ISSUER = "urn:cartes-agents:registration-authority";

    @Autowired
    HabilitationSigningKey signingKey;

    @TempDir
    Path work;

    @Test
    void whenAStatementIsAsked_thenTheLibraryTheJdkAndOpensslAllVerifyItWithThePublishedKey() throws Exception {
        Commune commune = commune("Moissac");
        TestPerson agent = agentOf(commune.id(), "Jean", "Lefèvre-Saint-Éloi");
        granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        clientOf(agent);
        IssuedCertificate certificate = certificateOf(agent.holderId());
        Relying comedec = relying("COMEDEC", "comedec");
        String siren = database.sql("select siren from collectivity where id = :id").bind("id", commune.id())
                .map(row -> row.get("siren", String.class)).one().block();
        HttpResponse<byte[]> keys = get(HttpClient.newHttpClient(), pki("/pki/habilitation-keys.json"));
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/jwk-set+json"));

        String jws = statement(comedec.client(), issuerSerialJson(certificate, "comedec"));

        // 1. the JOSE library, with the published JWK Set
        ECKey published = (ECKey) JWKSet.parse(text(keys)).getKeys().get(0);
        assertThat(published.isPrivate()).isFalse();
        SignedJWT parsed = SignedJWT.parse(jws);
        assertThat(parsed.getHeader().getKeyID()).isEqualTo(published.getKeyID());
        assertThat(parsed.verify(new ECDSAVerifier(published))).isTrue();
        JWTClaimsSet claims = parsed.getJWTClaimsSet();
        new DefaultJWTClaimsVerifier<>(name("COMEDEC", claims), new JWTClaimsSet.Builder().issuer(ISSUER).subject(agent.holderId()).build(),
                Set.of("iat", "exp", "jti")).verify(claims, null);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(claims.getBooleanClaim("habilitated")).isTrue();
        assertThat(claims.getStringClaim("application")).isEqualTo("comedec");
        assertThat(claims.getStringClaim("certificate_serial")).isEqualTo(certificate.serial());
        assertThat(claims.getStringClaim("holder_id")).isEqualTo(agent.holderId());
        @SuppressWarnings("unchecked")
        var right = (java.util.Map<String, Object>) claims.getListClaim("collectivities").get(0);
        assertThat(right).containsEntry("siren", siren).containsEntry("level", "agent").containsKey("insee");

        // 2. the JDK alone
        IndependentStatementVerifier jdk = IndependentStatementVerifier.fromJwkSet(text(keys));
        JsonNode independent = jdk.verify(jws, Instant.now());
        assertThat(independent.get("sub").asString()).isEqualTo(agent.holderId());
        assertThat(independent.get("jti").asString()).isNotBlank();

        // 3. openssl over the signing input, with the JWK converted to a PEM public key
        OpenSsl openssl = OpenSsl.require();
        Path publicKey = Files.writeString(work.resolve("habilitation.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(jdk.key().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Path signature = Files.write(work.resolve("statement.sig"), IndependentStatementVerifier.derSignature(jws));
        Path input = Files.writeString(work.resolve("statement.input"), jws.substring(0, jws.lastIndexOf('.')));
        assertThat(openssl.runSuccessfully("dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(),
                input.toString()).stdout()).contains("Verified OK");
        Path tampered = Files.writeString(work.resolve("tampered.input"), jws.substring(0, jws.lastIndexOf('.')) + "x");
        assertThat(openssl.run("dgst", "-sha256", "-verify", publicKey.toString(), "-signature", signature.toString(),
                tampered.toString()).succeeded()).isFalse();
    }

    @Test
    void whenTheHolderIsNotHabilitated_thenTheStatementSaysNoWithTheReason() throws Exception {
        Relying saip = relying("SAIP", "saip");
        IssuedCertificate machine = certificateOf(database.sql("select holder_id from certificate where holder_id like 'APP%' limit 1")
                .map(row -> row.get("holder_id", String.class)).one().block());

        String jws = statement(saip.client(), issuerSerialJson(machine, "saip"));

        JsonNode claims = IndependentStatementVerifier.fromJwkSet(text(get(HttpClient.newHttpClient(),
                pki("/pki/habilitation-keys.json")))).verify(jws, Instant.now());
        assertThat(claims.get("habilitated").asBoolean()).isFalse();
        assertThat(claims.get("reason").asString()).isEqualTo("holder_unknown");
        assertThat(claims.get("collectivities").size()).isZero();
    }

    @Test
    void whenAStatementHasExpired_thenBothVerifiersRefuseIt() throws Exception {
        Instant tenMinutesAgo = Instant.now().minus(Duration.ofMinutes(10));
        HabilitationStatements past = new HabilitationStatements(signingKey, Clock.fixed(tenMinutesAgo, ZoneOffset.UTC),
                Duration.ofMinutes(2), ISSUER);
        HabilitationAnswer answer = new HabilitationAnswer(true, "comedec", "T123", "1a2b", "CN=AC,C=FR", List.of(), null,
                tenMinutesAgo);
        String jws = past.sign(answer, "COMEDEC").statement();
        String keys = text(get(HttpClient.newHttpClient(), pki("/pki/habilitation-keys.json")));

        SignedJWT parsed = SignedJWT.parse(jws);
        assertThat(parsed.verify(new ECDSAVerifier((ECKey) JWKSet.parse(keys).getKeys().get(0)))).isTrue();
        assertThatThrownBy(() -> new DefaultJWTClaimsVerifier<>("COMEDEC", null, Set.of("exp")).verify(parsed.getJWTClaimsSet(), null))
                .isInstanceOf(BadJWTException.class).hasMessageContaining("Expired");
        IndependentStatementVerifier jdk = IndependentStatementVerifier.fromJwkSet(keys);
        assertThatThrownBy(() -> jdk.verify(jws, Instant.now())).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("Expired");
        assertThat(jdk.verify(jws, tenMinutesAgo.plusSeconds(30)).get("aud").asString()).isEqualTo("COMEDEC");
    }

    @Test
    void whenTheDemoStarts_thenTheKeyIsKeptOwnerOnly_andTheProductionProfileRequiresAKeyStore() throws Exception {
        Path keyStore = dataDirectory().resolve("pki").resolve(HabilitationSigningConfiguration.DEMO_KEY_STORE);
        Path password = keyStore.resolveSibling(keyStore.getFileName() + ".password");
        for (Path file : List.of(keyStore, password)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        HabilitationSigningConfiguration configuration = new HabilitationSigningConfiguration();
        StandardEnvironment production = new StandardEnvironment();
        production.setActiveProfiles("production");
        CartesDataDirectory elsewhere = new CartesDataDirectory(work);

        assertThatThrownBy(() -> configuration.habilitationSigningKey(properties(null, null), production, elsewhere))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cartes.habilitation.signing.key-store")
                .hasMessageContaining("cartes.habilitation.signing.key-store-password");
        assertThat(work.resolve("pki")).doesNotExist();
        HabilitationSigningKey configured = configuration.habilitationSigningKey(
                properties(keyStore, Files.readString(password).strip()), production, elsewhere);
        assertThat(configured.keyId()).isEqualTo(signingKey.keyId());
        assertThatThrownBy(() -> new HabilitationProperties(new HabilitationProperties.Signing(null, null, "habilitation"),
                Duration.ofMinutes(6), ISSUER)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HabilitationProperties.Signing(keyStore, "secret", "habilitation").toString()).doesNotContain("secret");
    }

    private static HabilitationProperties properties(Path keyStore, String password) {
        return new HabilitationProperties(new HabilitationProperties.Signing(keyStore, password, "habilitation"), Duration.ofMinutes(2),
                ISSUER);
    }

    /** The audience the server puts in statements asked by relying application {@code prefix...} (its registered name). */
    private static String name(String prefix, JWTClaimsSet claims) {
        String audience = claims.getAudience().get(0);
        assertThat(audience).startsWith(prefix + " ");
        return audience;
    }

    private String statement(HttpClient client, String json) {
        HttpResponse<byte[]> response = postJson(client, api("/api/v1/habilitation-statements"), json, null);
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("keyId").asString()).isEqualTo(signingKey.keyId());
        return body.get("statement").asString();
    }
}
