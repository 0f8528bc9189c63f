package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.card.Card;
import fr.cartesagents.ra.card.CardProfile;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.card.NewCard;
import fr.cartesagents.ra.security.Actor;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A personalized card for a test person, as the personalization leaves it: an approved order, two
 * certificates really issued by our CA (through the administrator API, for key pairs made here),
 * the card recorded through {@link CardTransitions} (the card table's only writer). The
 * authentication key is kept in a PKCS#12 file, so that a test client can log in with the card.
 */
public final class TestCards {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Actor OFFICE = new Actor("test-personalization", Optional.empty(), Set.of(), "test", Optional.empty());

    private final RunningServer server;
    private final DatabaseClient database;
    private final CardTransitions cards;
    private final TransactionalOperator transactions;

    public TestCards(RunningServer server, DatabaseClient database, CardTransitions cards, TransactionalOperator transactions) {
        this.server = server;
        this.database = database;
        this.cards = cards;
        this.transactions = transactions;
    }

    public TestCard personalize(TestPerson person, UUID collectivity) {
        KeyPair authentication = rsa();
        String authenticationSerial = issue(person, "authentication", csr(authentication));
        String signatureSerial = issue(person, "signature", csr(rsa()));
        String cardSerial = "SIM-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        Card card = record(person, collectivity, cardSerial, authenticationSerial, signatureSerial);
        return new TestCard(card.id(), cardSerial, authenticationSerial, signatureSerial,
                keyStore(authentication, certificatePem(authenticationSerial)), person);
    }

    /**
     * Records, as the personalization does, a card whose two certificates were issued with
     * {@link #issue} for keys made elsewhere (on a SoftHSM2 card, for instance).
     */
    public Card record(TestPerson person, UUID collectivity, String cardSerial, String authenticationSerial, String signatureSerial) {
        UUID order = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        database.sql("insert into card_order (id, collectivity_id, person_id, reason, card_profile, state, free_of_charge, fee_cents,"
                        + " ordered_at, ordered_by, ordered_as, approved_at, approved_by, personalized_at)"
                        + " values (:id, :collectivity, :person, 'initial', 'standard', 'personalized', true, 0, :now, 'test',"
                        + " 'office', :now, 'test', :now)")
                .bind("id", order).bind("collectivity", collectivity).bind("person", person.id())
                .bind("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .then().block();
        return transactions.transactional(cards.create(OFFICE, new NewCard(order, cardSerial, Optional.empty(),
                CardProfile.STANDARD, person.id(), collectivity, authenticationSerial, signatureSerial, now))).block();
    }

    /** A card as a test sees it; {@code loginKeyStore} (password {@link RunningServer#CARD_PASSWORD}) logs in as the holder. */
    public record TestCard(UUID id, String cardSerial, String authenticationSerial, String signatureSerial, Path loginKeyStore,
                           TestPerson holder) {
    }

    /** A card certificate of {@code profile} (authentication, signature) for the request {@code csrPem}; its serial. */
    public String issue(TestPerson person, String profile, String csrPem) {
        HttpClient administrator = server.administratorClient();
        String body = """
                {"profile": "%s", "csr": "%s", "subject": {"givenName": "%s", "surname": "%s",
                 "organization": "Commune de test", "siren": "218201127", "holderId": "%s"}}"""
                .formatted(profile, csrPem.replace("\n", "\\n"), person.givenNames(), person.birthName(),
                        person.holderId());
        var response = server.postJson(administrator, server.api("/api/v1/admin/certificates"), body, RunningServer.newKey());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Issuing a card certificate failed: " + RunningServer.text(response));
        }
        return JSON.readTree(response.body()).get("serial").asString();
    }

    /** A PKCS#10 request (PEM) signed by {@code keys}, with a subject the CA ignores, as a card middleware makes one. */
    public static String csr(KeyPair keys) {
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=ignored"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(csr);
            }
            return pem.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate {@code serial} as the CA issued it (PEM). */
    public String certificatePem(String serial) {
        var response = server.get(server.administratorClient(), server.api("/api/v1/admin/certificates/" + serial));
        JsonNode json = JSON.readTree(response.body());
        return json.get("certificatePem").asString();
    }

    /** A card login: {@code keys} and their certificate in a PKCS#12 file (password {@link RunningServer#CARD_PASSWORD}). */
    public Path keyStore(KeyPair keys, String certificatePem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(certificatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("card", keys.getPrivate(), RunningServer.CARD_PASSWORD.toCharArray(), new X509Certificate[] {certificate});
            Path file = Files.createTempFile(server.dataDirectory(), "card-", ".p12");
            try (var out = Files.newOutputStream(file)) {
                store.store(out, RunningServer.CARD_PASSWORD.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh RSA 2048 key pair, as a card generates one. */
    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
