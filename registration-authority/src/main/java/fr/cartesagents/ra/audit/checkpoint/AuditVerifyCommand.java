package fr.cartesagents.ra.audit.checkpoint;

import fr.cartesagents.ra.audit.JdbcAuditTrail;
import fr.cartesagents.ra.pki.JdbcCaRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code audit-verify}: verifies the audit trail straight from PostgreSQL (JDBC), without the
 * server: recomputes the hash chain and checks every signed checkpoint, and counts the events the
 * servers have not chained yet (read-only: it does not chain them). Exit code 0 when intact,
 * 1 when broken (the first broken event id and the reason are printed), 2 when it could not check.
 * See docs/operations/audit.md for the command line.
 */
@Command(name = "audit-verify", mixinStandardHelpOptions = true,
        description = "Verify the audit trail's hash chain and signed checkpoints in the database.")
public final class AuditVerifyCommand implements Callable<Integer> {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int FAILED = 2;

    @Option(names = "--jdbc-url", required = true, description = "e.g. jdbc:postgresql://db.example.fr:5432/cartes")
    String jdbcUrl;

    @Option(names = "--user", description = "database user (read access to audit_event, audit_checkpoint)")
    String user;

    @Option(names = "--password-env", defaultValue = "PGPASSWORD",
            description = "environment variable holding the database password (default ${DEFAULT-VALUE}); never on the command line")
    String passwordVariable;

    @Option(names = "--ca-certificate", description = "PEM of the issuing CA (act.pem from the key ceremony) that audit"
            + " signer certificates must chain to; default: the issuing CA recorded in the database itself")
    Path caCertificate;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AuditVerifyCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Properties connection = new Properties();
        if (user != null) {
            connection.setProperty("user", user);
        }
        String password = System.getenv(passwordVariable);
        if (password != null) {
            connection.setProperty("password", password);
        }
        try (Connection database = DriverManager.getConnection(jdbcUrl, connection)) {
            database.setReadOnly(true);
            database.setAutoCommit(false); // lets the driver stream the events with a cursor
            List<X509Certificate> anchors = caCertificate != null ? List.of(readCertificate(caCertificate)) : recordedIssuingCas(database, err);
            AuditVerification result = verify(database, anchors);
            out.println(result.summary());
            out.flush();
            return result.intact() ? INTACT : BROKEN;
        } catch (SQLException | IOException | CertificateException e) {
            err.println("Could not verify the audit trail: " + e.getMessage());
            err.flush();
            return FAILED;
        }
    }

    private static AuditVerification verify(Connection database, List<X509Certificate> anchors) throws SQLException {
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement query = database.prepareStatement(
                "select id, last_event_id, last_event_hash, signed_at, signature, last_chain_position from audit_checkpoint order by id");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(new AuditCheckpoint(rows.getLong("id"), rows.getLong("last_event_id"), rows.getString("last_event_hash"),
                        rows.getObject("signed_at", OffsetDateTime.class).toInstant(), rows.getBytes("signature"),
                        rows.getObject("last_chain_position", Long.class)));
            }
        }
        AuditChainVerifier verifier = new AuditChainVerifier(checkpoints, anchors);
        JdbcAuditTrail.chainedEvents(database, verifier::accept);
        // The command only reads: events the servers have not chained yet are counted, not chained here.
        return verifier.finish().withUnchained(JdbcAuditTrail.unchained(database), Instant.now());
    }

    private static List<X509Certificate> recordedIssuingCas(Connection database, PrintWriter err) throws SQLException, CertificateException {
        err.println("Note: trusting the issuing CA certificate recorded in the database; pass --ca-certificate act.pem to"
                + " check against the key ceremony's copy instead.");
        List<X509Certificate> anchors = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (byte[] der : JdbcCaRecords.issuingCertificates(database)) {
            anchors.add((X509Certificate) factory.generateCertificate(new java.io.ByteArrayInputStream(der)));
        }
        return anchors;
    }

    private static X509Certificate readCertificate(Path pem) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
