package fr.cartesagents.ra.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import fr.cartesagents.bridge.card.AuthenticatedCard;
import fr.cartesagents.bridge.card.KeyRole;
import fr.cartesagents.bridge.personalization.IssuanceException;
import fr.cartesagents.bridge.personalization.IssuedPair;
import fr.cartesagents.bridge.personalization.OrderPersonalizer;
import fr.cartesagents.bridge.personalization.PairIssuer;
import fr.cartesagents.bridge.personalization.RegistrationAuthorityClient;
import fr.cartesagents.bridge.pkcs11.Pkcs11CardDriver;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.bridge.signing.ChallengeSigner;
import fr.cartesagents.bridge.signing.LoginChallenge;
import fr.cartesagents.bridge.signing.CmsSigner;
import fr.cartesagents.ca.hierarchy.PemFiles;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.testutil.RequiredTool;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.testsupport.PkiChecks;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The card lifecycle end to end on real components: the server (embedded PostgreSQL, its SoftHSM2
 * CA), SoftHSM2 tokens standing for the cards, driven by the bridge's own PKCS#11 driver, signers and
 * registration authority client with the officer's own certificate; openssl judges the certificates
 * the OCSP answers and the published CRL. Order → approval → personalization → hand-over → activation, and the ways each
 * step must refuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardLifecycleEndToEndTest extends RunningServer {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final LocalDate DOCUMENT_EXPIRY = LocalDate.now().plusYears(4);

    @Autowired
    AuditTrail audit;

    @Autowired
    fr.cartesagents.ra.unblock.CardUnblockSecrets unblockSecrets;

    @TempDir
    Path work;

    CardWorld world;
    List<X509CertificateHolder> caChain;
    OpenSsl openssl;

    @BeforeAll
    void world() throws Exception {
        RequiredTool.softHsm2().require();
        openssl = OpenSsl.require();
        world = CardWorld.create(database, CardWorld.Clients.of(this::cardOf, card -> client(card, CARD_PASSWORD)));
        caChain = PemFiles.readCertificates(dataDirectory().resolve("ca-chain.pem"));
    }

    @Test
    void whenAnAgentsCardGoesThroughTheWholeLifecycle_thenEachStepIsRecordedCheckedAndAudited() throws Exception {
        UUID orderId = order(world.delegateClient(), world.agent(), "initial");
        JsonNode order = json(get(world.delegateClient(), api("/api/v1/card-orders/" + orderId)));
        assertThat(order.get("state").asString()).isEqualTo("requested");
        assertThat(order.get("freeOfCharge").asBoolean()).isTrue();

        assertThat(transition(world.delegateClient(), orderId, "approve").statusCode()).as("only the office approves").isEqualTo(403);
        approve(orderId);

        TestCard card = SoftHsmCards.get().newCard("e2e-agent");
        IssuedPair issued;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            issued = new OrderPersonalizer(officerClient()).personalize(session, orderId, card.serialNumber(), Optional.empty());
        }
        // The bridge received the card's PUK, the one the unblock will release (one master key, cartes.card-secrets.*).
        assertThat(issued.puk()).hasValueSatisfying(puk -> assertThat(puk).matches("[0-9]{8}")
                .isEqualTo(unblockSecrets.puk(card.serialNumber()).digits()));
        // The card holds both certificates next to their keys.
        try (Pkcs11CardDriver driver = card.driver()) {
            assertThat(driver.info().certificates()).containsOnlyKeys(KeyRole.AUTHENTICATION, KeyRole.SIGNATURE);
            assertThat(driver.info().certificates().get(KeyRole.SIGNATURE)).isEqualTo(issued.signature());
        }
        // The subject is the directory's, never the caller's; openssl verifies both, OCSP says good.
        for (X509CertificateHolder certificate : List.of(issued.authentication(), issued.signature())) {
            assertThat(certificate.getSubject().toString()).contains("CN=Hélène LEFÈVRE-SAINT-ÉLOI")
                    .contains("SERIALNUMBER=" + world.agent().holderId()).contains("O=Commune (cartes)");
            Path pem = work.resolve(certificate.getSerialNumber().toString(16) + ".pem");
            Files.writeString(pem, PemFiles.toPem(certificate));
            ProcessResult verify = openssl.run("verify", "-x509_strict", "-CAfile", dataDirectory().resolve("ca-chain.pem").toString(),
                    pem.toString());
            assertThat(verify.stdout()).as(verify.output()).contains(": OK");
            ProcessResult ocsp = ocsp(pem);
            assertThat(ocsp.output()).contains(pem + ": good").contains("Response verify OK");
        }
        assertThat(openssl.run("x509", "-noout", "-ext", "keyUsage", "-in", work.resolve(
                issued.signature().getSerialNumber().toString(16) + ".pem").toString()).stdout()).contains("Non Repudiation");
        JsonNode personalized = json(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId())));
        assertThat(personalized.get("state").asString()).isEqualTo("personalized");
        assertThat(personalized.get("cardSerial").asString()).isEqualToIgnoringCase(card.serialNumber());
        assertThat(personalized.get("authenticationSerial").asString()).isEqualTo(issued.authentication().getSerialNumber().toString(16));
        assertThat(Duration.between(java.time.Instant.parse(personalized.get("personalizedAt").asString()),
                java.time.Instant.parse(personalized.get("expiresAt").asString())).toDays()).isBetween(2190L, 2193L);
        assertThat(json(get(world.delegateClient(), api("/api/v1/card-orders/" + orderId))).get("state").asString())
                .isEqualTo("personalized");

        // Face-to-face hand-over: the identity document, its copy, the terms, the receipt signed by the card.
        String terms = json(get(world.officerClient(), api("/api/v1/terms-of-use"))).get("version").asString();
        byte[] receipt = get(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/hand-over-receipt")).body();
        assertThat(new String(receipt, StandardCharsets.UTF_8)).contains(world.agent().holderId()).contains(terms);
        byte[] signature;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            signature = CmsSigner.signDetached(session, issued.signature(), caChain, new CMSProcessableByteArray(receipt));
        }
        String number = "X4RTBPFW4";
        HttpResponse<byte[]> handedOver = handOver(issued.cardId(), cni(number, DOCUMENT_EXPIRY), terms, signature);
        assertThat(handedOver.statusCode()).as(text(handedOver)).isEqualTo(200);
        assertThat(json(handedOver).get("state").asString()).isEqualTo("delivered");
        // The holder's personal revocation code (issue 17): shown once, printed under the signed receipt, only its hash kept.
        String revocationCode = json(handedOver).get("revocationCode").asString();
        assertThat(revocationCode).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){3}");
        assertThat(json(handedOver).get("printableReceipt").asString()).startsWith(new String(receipt, StandardCharsets.UTF_8))
                .contains("Code personnel de révocation (à conserver à part de la carte) : " + revocationCode);
        assertThat(database.sql("select code_hash from card_revocation_code where card_id = :id").bind("id", issued.cardId())
                .map(row -> row.get("code_hash", String.class)).one().block()).startsWith("$argon2id$").doesNotContain(revocationCode);
        assertThat(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/hand-over-receipt")).body())
                .as("the receipt read again is the signed one, without the code").isEqualTo(receipt);
        assertThat(json(get(world.delegateClient(), api("/api/v1/card-orders/" + orderId))).get("state").asString())
                .isEqualTo("delivered");
        byte[] sealed = database.sql("select document_sealed from card_hand_over where card_id = :id").bind("id", issued.cardId())
                .map(row -> row.get("document_sealed", byte[].class)).one().block();
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("sealed at rest").doesNotContain(number);

        // Only the office and auditors read the document back, and each read is audited.
        assertThat(get(world.delegateClient(), api("/api/v1/cards/" + issued.cardId() + "/identity-document")).statusCode())
                .isEqualTo(403);
        JsonNode document = json(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/identity-document")));
        assertThat(document.get("number").asString()).isEqualTo(number);
        assertThat(Base64.getDecoder().decode(document.get("documentCopy").asString())).isEqualTo(documentCopy());

        // Activation: the card's authentication key signs the server's challenge once the PIN is the holder's.
        JsonNode challenge = json(postJson(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/activation-challenges"),
                "", null));
        byte[] challengeBytes = Base64.getDecoder().decode(challenge.get("challenge").asString());
        try (Pkcs11CardDriver driver = card.driver()) {
            driver.changePin(TestCard.userPin(), TestCard.pin("13579"));
            try (AuthenticatedCard session = driver.authenticate(TestCard.pin("13579"))) {
                ChallengeSigner.SignedChallenge bound = ChallengeSigner.sign(session,
                        new LoginChallenge("https://portail.cartes-agents.test", challengeBytes));
                byte[] signed = bound.signature();
                String signedData = Base64.getEncoder().encodeToString(bound.signedData());
                HttpResponse<byte[]> activated = postJson(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/activation"),
                        JSON.writeValueAsString(java.util.Map.of("challenge", challenge.get("challenge").asString(),
                                "signature", Base64.getEncoder().encodeToString(signed), "signedData", signedData)), null);
                assertThat(activated.statusCode()).as(text(activated)).isEqualTo(200);
                // The challenge is used once.
                HttpResponse<byte[]> replayed = postJson(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/activation"),
                        JSON.writeValueAsString(java.util.Map.of("challenge", challenge.get("challenge").asString(),
                                "signature", Base64.getEncoder().encodeToString(signed), "signedData", signedData)), null);
                assertThat(replayed.statusCode()).isEqualTo(409);
            }
        }
        assertThat(json(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId()))).get("state").asString()).isEqualTo("active");
        assertThat(json(get(world.delegateClient(), api("/api/v1/people/" + world.agent().id() + "/cards"))).get(0).get("state")
                .asString()).isEqualTo("active");

        // Lost: the holder declares it without the card (no client certificate) with the code from the hand-over.
        HttpResponse<byte[]> declared = postJson(anonymousClient(), api("/api/v1/card-revocations"), JSON.writeValueAsString(
                java.util.Map.of("holderId", world.agent().holderId(), "code", revocationCode, "reason", "loss")), null);
        assertThat(declared.statusCode()).as(text(declared)).isEqualTo(200);
        assertThat(json(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId()))).get("state").asString())
                .isEqualTo("revoked");
        for (X509CertificateHolder certificate : List.of(issued.authentication(), issued.signature())) {
            Path pem = work.resolve(certificate.getSerialNumber().toString(16) + ".pem");
            assertThat(ocsp(pem).output()).contains(pem + ": revoked").contains("Reason: keyCompromise");
        }
        // The CRL a relying party downloads from the PKI repository: signed by the issuing CA, listing both with the reason.
        HttpResponse<byte[]> published = get(HttpClient.newHttpClient(), pki("/pki/crl/act.crl"));
        assertThat(published.statusCode()).isEqualTo(200);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(published.body()));
        X509Certificate issuingCa = new JcaX509CertificateConverter().getCertificate(caChain.get(0));
        crl.verify(issuingCa.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(issuingCa.getSubjectX500Principal());
        Path crlFile = Files.write(work.resolve("act.crl"), published.body());
        String crlText = openssl.run("crl", "-inform", "DER", "-in", crlFile.toString(), "-noout", "-text").assertSuccess().stdout();
        for (X509CertificateHolder certificate : List.of(issued.authentication(), issued.signature())) {
            X509CRLEntry entry = crl.getRevokedCertificate(certificate.getSerialNumber());
            assertThat(entry).as("the CRL lists %s", certificate.getSerialNumber().toString(16)).isNotNull();
            assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);
            assertThat(PkiChecks.lists(crlText, certificate.getSerialNumber().toString(16))).as(crlText).isTrue();
        }
        assertThat(crlText).contains("Key Compromise");

        // The audit trail tells the story, in order, and its chain holds.
        assertThat(audit.events(Optional.of("card:" + issued.cardId())).map(event -> event.entry().action()).collectList().block())
                .containsSubsequence("card.personalized", "card.deliver", "revocation.code-issued", "card.identity-document-read",
                        "card.activation-challenged", "card.activate", "revocation.code-accepted", "card.revoke");
        assertThat(audit.events(Optional.of("card-order:" + orderId)).map(event -> event.entry().action()).collectList().block())
                .containsExactly("card-order.created", "card-order.approve", "card-order.personalize", "card-order.deliver");
        assertThat(audit.firstBrokenLink().block()).isEmpty();
    }

    @Test
    void whenTheCardIsPulledOutBeforeItsCertificatesAreWritten_thenResumingWritesTheSamePairAndIssuesNoOther() throws Exception {
        TestPerson agent = world.newAgent(database, "Sophie", "Dubois");
        UUID orderId = order(world.delegateClient(), agent, "initial");
        approve(orderId);
        TestCard card = SoftHsmCards.get().newCard("e2e-pulled");
        PairIssuer pullsTheCardOut = (request, key) -> {
            IssuedPair pair = officerClient().issue(request, key);
            card.remove();
            return pair;
        };
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            assertThatThrownBy(() -> new OrderPersonalizer(pullsTheCardOut).personalize(session, orderId, card.serialNumber(),
                    Optional.empty())).isInstanceOf(RuntimeException.class);
        } catch (RuntimeException closingARemovedCard) {
            // closing a session on a card that was pulled out may fail too
        }
        card.insert();
        long certificatesBefore = count("certificate");
        IssuedPair resumed;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            resumed = new OrderPersonalizer(officerClient()).resume(session, orderId, card.serialNumber(), Optional.empty());
        }
        assertThat(count("certificate")).as("the replay issues nothing new").isEqualTo(certificatesBefore);
        assertThat(database.sql("select count(*) as n from card where order_id = :order").bind("order", orderId)
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(1);
        try (Pkcs11CardDriver driver = card.driver()) {
            assertThat(driver.info().certificates().get(KeyRole.AUTHENTICATION)).isEqualTo(resumed.authentication());
        }
    }

    @Test
    void whenTheAnswerIsLostAfterTheServerIssued_thenTheRetryAfterARestartGetsTheStoredPair() throws Exception {
        TestPerson agent = world.newAgent(database, "Paul", "Martin");
        UUID orderId = order(world.delegateClient(), agent, "initial");
        approve(orderId);
        TestCard card = SoftHsmCards.get().newCard("e2e-lost");
        java.util.concurrent.atomic.AtomicReference<IssuedPair> firstAnswer = new java.util.concurrent.atomic.AtomicReference<>();
        PairIssuer answerLost = (request, key) -> {
            firstAnswer.set(officerClient().issue(request, key));
            throw new IssuanceException("connection reset: the server went down before answering");
        };
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            assertThatThrownBy(() -> new OrderPersonalizer(answerLost).personalize(session, orderId, card.serialNumber(), Optional.empty()))
                    .isInstanceOf(IssuanceException.class);
            // What a restarted server knows is in PostgreSQL: the stored answer of the Idempotency-Key, a fresh client.
            IssuedPair resumed = new OrderPersonalizer(officerClient()).resume(session, orderId, card.serialNumber(), Optional.empty());
            assertThat(resumed.authentication()).isEqualTo(firstAnswer.get().authentication());
            assertThat(resumed.signature()).isEqualTo(firstAnswer.get().signature());
        }
    }

    @Test
    void whenTheOrderIsForADepartedAgentOrACommuneWithoutActiveConvention_thenItIsRefusedWithTheReason() {
        TestPerson departed = world.newAgent(database, "Jean", "Parti");
        database.sql("update person set status = 'departed', departed_at = now() where id = :id").bind("id", departed.id()).then().block();
        HttpResponse<byte[]> refused = postJson(world.delegateClient(), api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                orderJson(departed, "initial"), newKey());
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(text(refused)).contains("left");

        UUID withoutConvention = new fr.cartesagents.ra.testsupport.TestDirectory(database).commune("Sans convention", world.office());
        TestPerson agent = new fr.cartesagents.ra.testsupport.TestDirectory(database).person("Léa", "Sansconvention");
        new fr.cartesagents.ra.testsupport.TestDirectory(database).assign(agent, fr.cartesagents.ra.security.Role.AGENT, withoutConvention);
        HttpResponse<byte[]> noConvention = postJson(world.officerClient(), api("/api/v1/collectivities/" + withoutConvention + "/card-orders"),
                orderJson(agent, "initial"), newKey());
        assertThat(noConvention.statusCode()).isEqualTo(422);
        assertThat(text(noConvention)).contains("CARTES");
    }

    @Test
    void whenTheMayorsCardIsOrderedByADelegate_thenOnlyTheOfficeMay_andASecondCardIsCharged() {
        TestPerson mayor = new fr.cartesagents.ra.testsupport.TestDirectory(database).person("Anne", "Mairesse");
        new fr.cartesagents.ra.testsupport.TestDirectory(database).assign(mayor, fr.cartesagents.ra.security.Role.MAYOR, world.commune());
        HttpResponse<byte[]> byDelegate = postJson(world.delegateClient(),
                api("/api/v1/collectivities/" + world.commune() + "/card-orders"), orderJson(mayor, "initial"), newKey());
        assertThat(byDelegate.statusCode()).isEqualTo(403);
        UUID first = order(world.officerClient(), mayor, "initial");
        assertThat(json(get(world.officerClient(), api("/api/v1/card-orders/" + first))).get("orderedAs").asString()).isEqualTo("office");
        assertThat(transition(world.officerClient(), first, "cancel").statusCode()).isEqualTo(200);
        // The cancelled order does not use the free card of the period; a loss after a free card is charged.
        UUID free = order(world.officerClient(), mayor, "initial");
        approve(free);
        transition(world.officerClient(), free, "cancel");
        database.sql("update card_order set state = 'delivered', personalized_at = now(), delivered_at = now(), cancelled_at = null"
                + " where id = :id").bind("id", free).then().block();
        UUID loss = order(world.officerClient(), mayor, "loss");
        JsonNode charged = json(get(world.officerClient(), api("/api/v1/card-orders/" + loss)));
        assertThat(charged.get("freeOfCharge").asBoolean()).isFalse();
        assertThat(charged.get("feeCentsExclTax").asInt()).isEqualTo(3000);
        UUID defect = order(world.officerClient(), world.newAgent(database, "Défaut", "Carte"), "replacement_defect");
        assertThat(json(get(world.officerClient(), api("/api/v1/card-orders/" + defect))).get("freeOfCharge").asBoolean()).isTrue();
    }

    @Test
    void whenTheIdentityDocumentIsExpiredHasABadCheckDigitOrTheReceiptIsSignedByAnotherKey_thenTheCardIsNotDelivered()
            throws Exception {
        TestPerson agent = world.newAgent(database, "Hélène, Marie", "Lefèvre-Saint-Éloi");
        UUID orderId = order(world.delegateClient(), agent, "initial");
        approve(orderId);
        TestCard card = SoftHsmCards.get().newCard("e2e-refused");
        TestCard other = SoftHsmCards.get().newCard("e2e-other");
        IssuedPair issued;
        byte[] receipt;
        byte[] good;
        byte[] byAnotherKey;
        try (Pkcs11CardDriver driver = card.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            issued = new OrderPersonalizer(officerClient()).personalize(session, orderId, card.serialNumber(), Optional.empty());
            receipt = get(world.officerClient(), api("/api/v1/cards/" + issued.cardId() + "/hand-over-receipt")).body();
            good = CmsSigner.signDetached(session, issued.signature(), caChain, new CMSProcessableByteArray(receipt));
        }
        try (Pkcs11CardDriver driver = other.driver(); AuthenticatedCard session = driver.authenticate(TestCard.userPin())) {
            // Another card's key, presented with this card's certificate: the signature does not verify under it.
            session.generateKeyPair(KeyRole.SIGNATURE, fr.cartesagents.ca.token.KeySpec.RSA_2048);
            byAnotherKey = anotherKeySignature(session, receipt);
        }
        String terms = json(get(world.officerClient(), api("/api/v1/terms-of-use"))).get("version").asString();

        LocalDate yesterday = LocalDate.now().minusDays(1);
        HttpResponse<byte[]> expired = handOver(issued.cardId(), cni("X4RTBPFW4", yesterday), terms, good);
        assertThat(expired.statusCode()).isEqualTo(422);
        assertThat(text(expired)).contains("expired");

        String zone = Zones.td1("ID", "LEFEVRE SAINT ELOI", "HELENE MARIE", "X4RTBPFW4", LocalDate.of(1980, 4, 12), DOCUMENT_EXPIRY);
        String[] lines = zone.split("\n");
        char check = lines[0].charAt(14);
        String badDigit = lines[0].substring(0, 14) + (char) ('0' + (check - '0' + 1) % 10) + lines[0].substring(15) + "\n" + lines[1]
                + "\n" + lines[2];
        HttpResponse<byte[]> badCheckDigit = handOver(issued.cardId(), new IdentityDocumentRequest("cni", "X4RTBPFW4", DOCUMENT_EXPIRY,
                badDigit), terms, good);
        assertThat(badCheckDigit.statusCode()).isEqualTo(422);
        assertThat(text(badCheckDigit)).contains("check digit").doesNotContain("X4RTBPFW4");

        HttpResponse<byte[]> wrongSigner = handOver(issued.cardId(), cni("X4RTBPFW4", DOCUMENT_EXPIRY), terms, byAnotherKey);
        assertThat(wrongSigner.statusCode()).isEqualTo(422);
        assertThat(text(wrongSigner)).contains("signature key");

        assertThat(json(get(world.officerClient(), api("/api/v1/cards/" + issued.cardId()))).get("state").asString())
                .isEqualTo("personalized");
        assertThat(database.sql("select count(*) as n from card_hand_over where card_id = :id").bind("id", issued.cardId())
                .map(row -> row.get("n", Long.class)).one().block()).isZero();
        assertThat(handOver(issued.cardId(), cni("X4RTBPFW4", DOCUMENT_EXPIRY), terms, good).statusCode()).isEqualTo(200);
        assertThat(handOver(issued.cardId(), cni("X4RTBPFW4", DOCUMENT_EXPIRY), terms, good).statusCode())
                .as("a delivered card is not delivered again").isEqualTo(409);
    }

    /** A CMS over the receipt made by the other card's signature key, naming this card's certificate as signer. */
    private byte[] anotherKeySignature(AuthenticatedCard otherCard, byte[] receipt) throws Exception {
        java.security.PublicKey key = otherCard.publicKey(KeyRole.SIGNATURE).orElseThrow();
        var generator = new org.bouncycastle.cms.CMSSignedDataGenerator();
        // The other card's own (self-made) certificate for its key, under this card's holder's name.
        var self = new org.bouncycastle.cert.X509v3CertificateBuilder(new org.bouncycastle.asn1.x500.X500Name("CN=Forged"),
                java.math.BigInteger.TEN, new java.util.Date(), new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                new org.bouncycastle.asn1.x500.X500Name("CN=Forged"),
                org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(key.getEncoded()))
                .build(fr.cartesagents.bridge.signing.CardContentSigner.forKey(otherCard, KeyRole.SIGNATURE, key));
        generator.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                .build(fr.cartesagents.bridge.signing.CardContentSigner.forKey(otherCard, KeyRole.SIGNATURE, key),
                        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(self)));
        generator.addCertificate(self);
        return generator.generate(new CMSProcessableByteArray(receipt), false).getEncoded();
    }

    RegistrationAuthorityClient officerClient() {
        return RegistrationAuthorityClient.connect(URI.create("https://localhost:" + apiListener.port()), world.officerCard(),
                CARD_PASSWORD.toCharArray(), caChain);
    }

    UUID order(HttpClient client, TestPerson person, String reason) {
        HttpResponse<byte[]> created = postJson(client, api("/api/v1/collectivities/" + world.commune() + "/card-orders"),
                orderJson(person, reason), newKey());
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        return UUID.fromString(json(created).get("id").asString());
    }

    void approve(UUID orderId) {
        HttpResponse<byte[]> approved = transition(world.officerClient(), orderId, "approve");
        assertThat(approved.statusCode()).as(text(approved)).isEqualTo(200);
        assertThat(json(approved).get("state").asString()).isEqualTo("approved");
    }

    HttpResponse<byte[]> transition(HttpClient client, UUID orderId, String action) {
        return postJson(client, api("/api/v1/card-orders/" + orderId + "/transitions"), "{\"action\": \"" + action + "\"}", null);
    }

    HttpResponse<byte[]> handOver(UUID cardId, IdentityDocumentRequest document, String terms, byte[] receiptSignature) {
        String body = JSON.writeValueAsString(java.util.Map.of("identityDocument", java.util.Map.of("kind", document.kind(),
                        "number", document.number(), "expiresOn", document.expiresOn().toString(), "mrz", document.mrz()),
                "documentCopy", Base64.getEncoder().encodeToString(documentCopy()), "termsVersion", terms,
                "receiptSignature", Base64.getEncoder().encodeToString(receiptSignature)));
        return postJson(world.officerClient(), api("/api/v1/cards/" + cardId + "/hand-over"), body, null);
    }

    static IdentityDocumentRequest cni(String number, LocalDate expiry) {
        return new IdentityDocumentRequest("cni", number, expiry,
                Zones.td1("ID", "LEFEVRE SAINT ELOI", "HELENE MARIE", number, LocalDate.of(1980, 4, 12), expiry));
    }

    static byte[] documentCopy() {
        return "%PDF-1.4 copie de la carte nationale d'identité certifiée conforme".getBytes(StandardCharsets.UTF_8);
    }

    static String orderJson(TestPerson person, String reason) {
        return "{\"personId\": \"" + person.id() + "\", \"reason\": \"" + reason + "\", \"cardProfile\": \"standard\"}";
    }

    ProcessResult ocsp(Path certificate) throws Exception {
        Path issuer = work.resolve("act.pem");
        Files.writeString(issuer, PemFiles.toPem(caChain.get(0)));
        return openssl.run("ocsp", "-url", pki("/pki/ocsp").toString(), "-issuer", issuer.toString(), "-cert", certificate.toString(),
                "-CAfile", dataDirectory().resolve("ca-chain.pem").toString());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body());
    }
}
