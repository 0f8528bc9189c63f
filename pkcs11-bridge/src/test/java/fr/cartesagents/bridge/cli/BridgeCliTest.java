package fr.cartesagents.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import fr.cartesagents.bridge.personalization.TestRegistrationAuthority;
import fr.cartesagents.bridge.pkcs11.SoftHsmCards;
import fr.cartesagents.bridge.pkcs11.TestCard;
import fr.cartesagents.ca.issuance.TestHierarchy;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import fr.cartesagents.ca.token.KeySpec;

class BridgeCliTest {

    private static final String PIN = SoftHsmCards.USER_PIN;
    private static final String SO_PIN = SoftHsmCards.SO_PIN;

    @TempDir
    Path directory;

    private TestCard card;

    @BeforeEach
    void newCard() {
        card = SoftHsmCards.get().newCard("cli");
    }

    @Test
    void whenInfo_thenReaderSerialLabelPinAndCertificatesArePrinted() {
        CliRun run = run("", "info");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("Numéro de série :  " + card.serialNumber(), "Libellé du jeton : " + card.label(),
                "Code PIN :         ok", "Authentification : aucun certificat", "Signature :        aucun certificat");
    }

    @Test
    void whenNoSuchCardOrReader_thenExitCodesFourAndThree() {
        CliRun noCard = CliRun.of("", "info", "--pkcs11-module", module(), "--token", "absent-card");
        assertThat(noCard.exitCode()).as(noCard.describe()).isEqualTo(4);
        assertThat(noCard.err()).contains("Erreur : aucune carte trouvée : insérez la carte");
        CliRun noReader = CliRun.of("", "info", "--pkcs11-module", module(), "--slot", "10000");
        assertThat(noReader.exitCode()).as(noReader.describe()).isEqualTo(3);
        CliRun noMiddleware = CliRun.of("", "info", "--pkcs11-module", "/nonexistent/pkcs11.so", "--token", "x");
        assertThat(noMiddleware.exitCode()).as(noMiddleware.describe()).isEqualTo(14);
    }

    @Test
    void whenPinChangedFromStdin_thenTheNewPinWorks_andATrivialPinIsRefusedWithoutTouchingTheCard() {
        CliRun trivial = run(PIN + "\n1234\n", "change-pin", "--pin-stdin");
        assertThat(trivial.exitCode()).as(trivial.describe()).isEqualTo(8);
        assertThat(trivial.err()).contains("ce code PIN n'est pas accepté").contains("Détail technique : ")
                .contains("run of consecutive digits");

        CliRun changed = run(PIN + "\n7315\n", "change-pin", "--pin-stdin");
        assertThat(changed.exitCode()).as(changed.describe()).isZero();
        assertThat(changed.out()).contains("Code PIN changé.");

        CliRun oldPin = run(PIN + "\n5791\n", "change-pin", "--pin-stdin");
        assertThat(oldPin.exitCode()).as(oldPin.describe()).isEqualTo(6);
        assertThat(run("7315\n5791\n", "change-pin", "--pin-stdin").exitCode()).isZero();
        for (CliRun each : List.of(trivial, changed, oldPin)) {
            assertThat(each.output()).doesNotContain(PIN, "7315", "5791", "1234");
        }
    }

    @Test
    void whenWrongPinThreeTimes_thenTriesLeftThenBlocked_andUnblockWithTheUnblockCode() {
        String challenge = Base64.getEncoder().encodeToString("challenge-nonce-0123456789".getBytes());
        CliRun first = run("1111\n", "sign", "--challenge", challenge, "--pin-stdin");
        assertThat(first.exitCode()).as(first.describe()).isEqualTo(6);
        assertThat(first.err()).contains("code PIN erroné : peu d'essais restants");
        CliRun second = run("1111\n", "sign", "--challenge", challenge, "--pin-stdin");
        assertThat(second.exitCode()).isEqualTo(6);
        assertThat(second.err()).contains("1 essai restant");
        CliRun third = run("1111\n", "sign", "--challenge", challenge, "--pin-stdin");
        assertThat(third.exitCode()).as(third.describe()).isEqualTo(7);
        assertThat(third.err()).contains("bloqué");
        assertThat(run("", "info").out()).contains("Code PIN :         bloqué");

        CliRun wrongCode = run("00000000\n5791\n", "unblock", "--pin-stdin");
        assertThat(wrongCode.exitCode()).as(wrongCode.describe()).isEqualTo(9);
        CliRun unblocked = run(SO_PIN + "\n5791\n", "unblock", "--pin-stdin");
        assertThat(unblocked.exitCode()).as(unblocked.describe()).isZero();
        assertThat(unblocked.out()).contains("Carte débloquée");
        assertThat(run("", "info").out()).contains("Code PIN :         ok");
        assertThat(unblocked.output() + wrongCode.output()).doesNotContain(SO_PIN, "5791");
    }

    @Test
    void whenPersonalizedThroughTheRegistrationAuthority_thenFilesAndChallengesCanBeSigned() throws Exception {
        try (TestHierarchy hierarchy = TestHierarchy.create(directory, KeySpec.RSA_2048);
             TestRegistrationAuthority authority = TestRegistrationAuthority.start(hierarchy, directory)) {
            Path secret = Files.writeString(directory.resolve("operator.pass"),
                    new String(TestRegistrationAuthority.CLIENT_SECRET) + "\n");
            CliRun personalized = run(PIN + "\n", "personalize", "--pin-stdin", "--ra-url", authority.apiBase().toString(),
                    "--client-p12", authority.clientKey().toString(), "--client-p12-password-file", secret.toString(),
                    "--ca-chain", authority.caChain().toString(), "--given-name", "Marie-Hélène", "--surname", "Dupont",
                    "--organization", "COMMUNE DE MOISSAC", "--siren", "218201127", "--holder-id", "ACT-000042",
                    "--out-dir", directory.resolve("certificates").toString());
            assertThat(personalized.exitCode()).as(personalized.describe()).isZero();
            assertThat(personalized.out()).contains("Carte personnalisée.");
            assertThat(run("", "info").out()).contains("Authentification : C=FR,O=COMMUNE DE MOISSAC")
                    .contains("Signature :        C=FR,O=COMMUNE DE MOISSAC");

            Path document = Files.writeString(directory.resolve("acte.pdf"), "%PDF-1.7 acte de naissance\n");
            CliRun signed = run(PIN + "\n", "sign", "--cms", document.toString(), "--pin-stdin",
                    "--ca-chain", authority.caChain().toString());
            assertThat(signed.exitCode()).as(signed.describe()).isZero();
            ProcessResult verified = OpenSsl.require().run("cms", "-verify", "-binary", "-inform", "DER",
                    "-in", directory.resolve("acte.pdf.p7s").toString(), "-content", document.toString(),
                    "-CAfile", authority.caChain().toString(), "-out", directory.resolve("verified").toString());
            assertThat(verified.exitCode()).as(verified.describe()).isZero();
            OpenSsl.require().runSuccessfully("verify", "-CAfile", authority.caChain().toString(),
                    directory.resolve("certificates/authentication.pem").toString());

            CliRun challenge = run(PIN + "\n", "sign", "--challenge",
                    Base64.getEncoder().encodeToString("nonce-of-sixteen-bytes".getBytes()), "--pin-stdin");
            assertThat(challenge.exitCode()).as(challenge.describe()).isZero();
            assertThat(challenge.out()).startsWith("SHA256withRSA ");
        }
    }

    @Test
    void whenAnOrderIsPersonalizedWithAWrongTransportPuk_thenExitCodeNineSaysToResume_andResumeWithTheRightOneSetsTheCardsPuk()
            throws Exception {
        try (TestHierarchy hierarchy = TestHierarchy.create(directory, KeySpec.RSA_2048);
             TestRegistrationAuthority authority = TestRegistrationAuthority.start(hierarchy, directory)) {
            Path secret = Files.writeString(directory.resolve("operator.pass"),
                    new String(TestRegistrationAuthority.CLIENT_SECRET) + "\n");
            Path wrongBatch = Files.writeString(directory.resolve("wrong-batch-puk"), "24681357\n");
            Path batch = Files.writeString(directory.resolve("batch-puk"), SO_PIN + "\n");
            String order = java.util.UUID.randomUUID().toString();
            List<String> registrationAuthority = List.of("--pin-stdin", "--order", order, "--ra-url", authority.apiBase().toString(),
                    "--client-p12", authority.clientKey().toString(), "--client-p12-password-file", secret.toString(),
                    "--ca-chain", authority.caChain().toString());

            CliRun noTransport = run(PIN + "\n", "personalize-order", registrationAuthority.toArray(String[]::new));
            assertThat(noTransport.exitCode()).as("the transport PUK is required: " + noTransport.describe()).isEqualTo(2);

            List<String> wrong = new ArrayList<>(registrationAuthority);
            wrong.addAll(List.of("--transport-puk-file", wrongBatch.toString()));
            CliRun refused = run(PIN + "\n", "personalize-order", wrong.toArray(String[]::new));
            assertThat(refused.exitCode()).as(refused.describe()).isEqualTo(9);
            assertThat(refused.err()).contains("les certificats sont écrits sur la carte, mais son code de déblocage n'est pas remplacé")
                    .contains("--resume");
            assertThat(run("", "info").out()).contains("Authentification : C=FR,O=COMMUNE DE MOISSAC");

            List<String> resume = new ArrayList<>(registrationAuthority);
            resume.addAll(List.of("--transport-puk-env", "CARTES_TEST_TRANSPORT_PUK_UNSET"));
            assertThat(run(PIN + "\n", "personalize-order", resume.toArray(String[]::new)).exitCode())
                    .as("an unset variable stops before the card").isEqualTo(2);
            resume = new ArrayList<>(registrationAuthority);
            resume.addAll(List.of("--resume", "--transport-puk-file", batch.toString()));
            CliRun resumed = run(PIN + "\n", "personalize-order", resume.toArray(String[]::new));
            assertThat(resumed.exitCode()).as(resumed.describe()).isZero();
            assertThat(resumed.out()).contains("Code de déblocage : celui du lot remplacé par le code propre à la carte.")
                    .contains("Carte personnalisée.");
            String puk = TestRegistrationAuthority.pukOf(card.serialNumber());
            for (CliRun each : List.of(refused, resumed)) {
                assertThat(each.output()).doesNotContain(puk, SO_PIN, "24681357", PIN);
            }
            CliRun withPuk = run(puk + "\n5791\n", "unblock", "--pin-stdin");
            assertThat(withPuk.exitCode()).as("the card's own PUK unblocks it: " + withPuk.describe()).isZero();
            assertThat(run(SO_PIN + "\n5791\n", "unblock", "--pin-stdin").exitCode()).as("the batch's no longer").isEqualTo(9);
        }
    }

    @Test
    void whenTheCommandLineCannotRun_thenExitCodeTwo() {
        assertThat(run("", "info", "--no-such-option").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("").exitCode()).isEqualTo(2);
        CliRun noInput = run("", "change-pin", "--pin-stdin");
        assertThat(noInput.exitCode()).as(noInput.describe()).isEqualTo(2);
        assertThat(noInput.err()).contains("l'entrée standard s'est terminée avant le code PIN actuel");
        CliRun noTerminal = run("", "change-pin");
        assertThat(noTerminal.exitCode()).as(noTerminal.describe()).isEqualTo(2);
        assertThat(noTerminal.err()).contains("--pin-stdin");
        assertThat(run("", "sign", "--pin-stdin").exitCode()).isEqualTo(2);
    }

    @Test
    void whenTheCardHasNoKeys_thenSigningSaysToPersonalizeIt() throws Exception {
        Path document = Files.writeString(directory.resolve("doc.txt"), "text");
        CliRun run = run(PIN + "\n", "sign", "--cms", document.toString(), "--pin-stdin");
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(12);
        assertThat(run.err()).contains("personnalisez-la d'abord");
    }

    private CliRun run(String stdin, String command, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--pkcs11-module", module(), "--token", card.label()));
        args.addAll(List.of(more));
        return CliRun.of(stdin, args.toArray(String[]::new));
    }

    private static String module() {
        return SoftHsmCards.get().counterModule().toString();
    }
}
