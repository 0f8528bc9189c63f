package fr.cartesagents.ra.audit.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditEvent;
import fr.cartesagents.ra.audit.AuditHash;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.database.DatabaseEndpoint;
import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestDirectory;
import io.r2dbc.postgresql.codec.Json;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail's hash chain and its signed checkpoints, checked by the API and by the
 * command line against the real database: intact, then tampered with in three ways (an event's
 * content changed, history rewritten and re-hashed, a checkpoint's signature damaged), each
 * pointing at the event where the trail breaks. Every tampering is undone before the test ends.
 */
class AuditVerificationTest extends RunningServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    AuditTrail audit;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    TransactionalOperator transactions;

    @Autowired
    DatabaseEndpoint endpoint;

    @TempDir
    Path work;

    @Test
    void whenNothingWasTamperedWith_thenTheApiAndTheCommandLineFindTheTrailIntact() {
        AuditEvent last = appendEvents(3);
        AuditCheckpoint checkpoint = checkpoints.checkpoint().block().orElseThrow();
        assertThat(checkpoint.lastEventId()).isEqualTo(last.id());
        assertThat(checkpoints.checkpoint().block()).as("nothing new to seal").isEmpty();

        JsonNode verification = verification();
        assertThat(verification.get("intact").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("checkpointsChecked").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(verification.get("lastCheckpointEventId").asLong()).isEqualTo(last.id());
        CommandOutcome cli = commandLine();
        assertThat(cli.exitCode()).as(cli.output()).isZero();
        assertThat(cli.output()).contains("INTACT");
    }

    @Test
    void whenTwoInstancesCheckpointAtOnce_thenOneCheckpointIsWritten() {
        AuditEvent last = appendEvents(1);
        long before = count("audit_checkpoint");

        var both = reactor.core.publisher.Mono.zip(
                checkpoints.checkpoint().subscribeOn(reactor.core.scheduler.Schedulers.parallel()),
                checkpoints.checkpoint().subscribeOn(reactor.core.scheduler.Schedulers.parallel())).block();

        assertThat(both.getT1().isPresent() ^ both.getT2().isPresent()).as("exactly one of them signs").isTrue();
        assertThat(count("audit_checkpoint")).isEqualTo(before + 1);
        assertThat(both.getT1().or(both::getT2).orElseThrow().lastEventId()).isEqualTo(last.id());
    }

    @Test
    void whenAnEventsContentIsChanged_thenBothPointAtThatEvent() {
        appendEvents(2);
        AuditEvent tampered = appendEvents(1);
        appendEvents(2);
        checkpoints.checkpoint().block();
        setDetails(tampered.id(), Map.of("reason", "superseded"));
        try {
            JsonNode verification = verification();
            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(tampered.id());
            assertThat(verification.get("reason").asString()).isEqualTo("hash-mismatch");
            CommandOutcome cli = commandLine();
            assertThat(cli.exitCode()).as(cli.output()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(cli.output()).contains("BROKEN at event " + tampered.id() + ": hash-mismatch");
            CommandOutcome process = commandLineProcess();
            assertThat(process.exitCode()).as(process.output()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(process.output()).contains("BROKEN at event " + tampered.id());
        } finally {
            setDetails(tampered.id(), tampered.entry().details());
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void whenHistoryIsRewrittenAndRehashed_thenTheSignedCheckpointGivesItAway() {
        AuditEvent rewritten = appendEvents(1);
        AuditEvent sealed = appendEvents(2);
        checkpoints.checkpoint().block();
        setDetails(rewritten.id(), Map.of("reason", "superseded"));
        rehashFrom(rewritten.id());
        try {
            assertThat(audit.firstBrokenLink().block()).as("the chain alone looks fine").isEmpty();
            JsonNode verification = verification();
            assertThat(verification.get("intact").asBoolean()).isFalse();
            assertThat(verification.get("reason").asString()).isEqualTo("checkpoint-hash-mismatch");
            assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(sealed.id());
            CommandOutcome cli = commandLine();
            assertThat(cli.exitCode()).isEqualTo(AuditVerifyCommand.BROKEN);
            assertThat(cli.output()).contains("BROKEN at event " + sealed.id()).contains("checkpoint-hash-mismatch");
        } finally {
            setDetails(rewritten.id(), rewritten.entry().details());
            rehashFrom(rewritten.id());
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void whenACheckpointSignatureIsDamaged_thenItIsNamed() {
        AuditEvent sealed = appendEvents(1);
        AuditCheckpoint checkpoint = checkpoints.checkpoint().block().orElseThrow();
        byte[] damaged = checkpoint.signature().clone();
        damaged[damaged.length - 5] ^= 0x01;
        setSignature(checkpoint.id(), damaged);
        try {
            JsonNode verification = verification();
            assertThat(verification.get("reason").asString()).isEqualTo("checkpoint-signature-invalid");
            assertThat(verification.get("firstBrokenEventId").asLong()).isEqualTo(sealed.id());
            assertThat(verification.get("brokenCheckpointId").asLong()).isEqualTo(checkpoint.id());
            assertThat(commandLine().exitCode()).isEqualTo(AuditVerifyCommand.BROKEN);
        } finally {
            setSignature(checkpoint.id(), checkpoint.signature());
        }
        assertThat(verification().get("intact").asBoolean()).isTrue();
    }

    @Test
    void whenOpensslVerifiesACheckpoint_thenItChainsToOurCaAndCarriesTheStatement() throws IOException {
        appendEvents(1);
        AuditCheckpoint checkpoint = checkpoints.checkpoint().block().orElseThrow();
        Path signature = Files.write(work.resolve("checkpoint.p7"), checkpoint.signature());
        Path content = work.resolve("statement.json");

        OpenSsl.require().runSuccessfully("cms", "-verify", "-inform", "DER", "-in", signature.toString(),
                "-CAfile", dataDirectory().resolve("ca-chain.pem").toString(), "-purpose", "any", "-out", content.toString());

        assertThat(Files.readAllBytes(content)).isEqualTo(checkpoint.statement().canonical());
        HttpResponse<byte[]> published = get(anonymousClient(), api("/api/v1/audit/signer-certificate"));
        assertThat(published.statusCode()).isEqualTo(200);
        Path signer = Files.write(work.resolve("signer.pem"), published.body());
        assertThat(OpenSsl.require().runSuccessfully("x509", "-in", signer.toString(), "-noout", "-text").stdout())
                .contains("Journal d'audit").contains("1.3.6.1.5.5.7.3.36");
    }

    @Test
    void whenAMayorAsksForTheVerification_thenForbidden() {
        TestDirectory directory = directory();
        var mayor = directory.person("Hélène", "Vérifie");
        directory.assign(mayor, Role.MAYOR, directory.commune("Erquinghem-Lys", directory.office("Préfecture du Nord")));
        HttpResponse<byte[]> response = get(clientOf(mayor), api("/api/v1/audit/verification"));
        assertThat(response.statusCode()).isEqualTo(403);
    }

    private AuditEvent appendEvents(int count) {
        AuditEvent last = null;
        for (int i = 0; i < count; i++) {
            last = transactions.transactional(audit.append(new AuditEntry("test", "test.verified", "test:" + i,
                    Map.of("reason", "keyCompromise")))).block();
        }
        return last;
    }

    private JsonNode verification() {
        HttpResponse<byte[]> response = get(administratorClient(), api("/api/v1/audit/verification"));
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void setDetails(long eventId, Map<String, String> details) {
        database.sql("update audit_event set details = :details where id = :id")
                .bind("details", Json.of(JSON.writeValueAsString(details))).bind("id", eventId).fetch().rowsUpdated().block();
    }

    private void setSignature(long checkpointId, byte[] signature) {
        database.sql("update audit_checkpoint set signature = :signature where id = :id")
                .bind("signature", signature).bind("id", checkpointId).fetch().rowsUpdated().block();
    }

    /** What an attacker with write access to the database would do: recompute every hash from {@code eventId} on, in chain order. */
    private void rehashFrom(long eventId) {
        List<AuditEvent> events = audit.chainedEvents().collectList().block();
        long from = events.stream().filter(event -> event.id() == eventId).findFirst().orElseThrow().chainPosition();
        String previous = AuditHash.GENESIS;
        for (AuditEvent event : events) {
            if (event.chainPosition() >= from) {
                String hash = AuditHash.chain(previous, event.occurredAt(), event.entry());
                database.sql("update audit_event set previous_hash = :previous, hash = :hash where id = :id")
                        .bind("previous", previous).bind("hash", hash).bind("id", event.id()).fetch().rowsUpdated().block();
                previous = hash;
            } else {
                previous = event.hash();
            }
        }
        database.sql("update audit_chain_head set hash = :hash").bind("hash", previous).fetch().rowsUpdated().block();
    }

    record CommandOutcome(int exitCode, String output) {
    }

    private CommandOutcome commandLine() {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new AuditVerifyCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(out));
        int exitCode = command.execute(arguments().toArray(String[]::new));
        return new CommandOutcome(exitCode, out.toString());
    }

    /** The command as an operator runs it: its own JVM, its main method, its exit code. */
    private CommandOutcome commandLineProcess() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AuditVerifyCommand.class.getName()));
        command.addAll(arguments());
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            process.getInputStream().transferTo(output);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            return new CommandOutcome(process.exitValue(), output.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of("--jdbc-url", endpoint.jdbcUrl(),
                "--ca-certificate", dataDirectory().resolve("pki").resolve("act.pem").toString()));
        Supplier<String> user = endpoint::jdbcUser;
        if (user.get() != null) {
            arguments.addAll(List.of("--user", user.get()));
        }
        return arguments;
    }
}
