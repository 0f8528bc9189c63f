package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ca.testutil.ProcessResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a relying party sees of a certificate, asked with openssl as the independent judge: its OCSP
 * status from the server's responder, and whether the published CRL lists it.
 */
public final class PkiChecks {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunningServer server;
    private final OpenSsl openssl;
    private final Path work;

    public PkiChecks(RunningServer server, Path work) {
        this.server = server;
        this.openssl = OpenSsl.require();
        this.work = work;
    }

    /**
     * openssl ocsp's answer about the serial, once it verified the response's signature: the status
     * line ("good", "revoked") and, for a revoked one, the lines after it ("Reason: keyCompromise").
     */
    public String ocsp(String serialHex) {
        Path certificate = write("cert-" + serialHex + ".pem", certificatePem(serialHex));
        Path issuer = issuerPem();
        ProcessResult result = openssl.run("ocsp", "-url", server.pki("/pki/ocsp").toString(), "-issuer", issuer.toString(),
                "-cert", certificate.toString(), "-CAfile", server.dataDirectory().resolve("ca-chain.pem").toString());
        String output = result.stdout() + result.stderr();
        if (!output.contains("Response verify OK")) {
            throw new AssertionError("openssl did not verify the OCSP response: " + output);
        }
        int status = output.indexOf(certificate + ": ");
        if (status < 0) {
            throw new AssertionError("no status line in " + output);
        }
        return output.substring(status + (certificate + ": ").length()).strip();
    }

    /** The issuing CA's current full CRL as openssl prints it. */
    public String crlText() {
        Path crl = work.resolve("act.crl");
        try {
            Files.write(crl, server.get(HttpClient.newHttpClient(), server.pki("/pki/crl/act.crl")).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return openssl.runSuccessfully("crl", "-inform", "DER", "-in", crl.toString(), "-noout", "-text").stdout();
    }

    /** The certificate's end as openssl reads it from its PEM ({@code openssl x509 -enddate}), to the second. */
    public java.time.Instant notAfter(String certificatePem) {
        String line = openssl.run(certificatePem.getBytes(java.nio.charset.StandardCharsets.US_ASCII), "x509", "-noout",
                "-enddate").assertSuccess().stdout().strip();
        // notAfter=Nov 20 08:00:00 2029 GMT
        return java.time.ZonedDateTime.parse(line.substring(line.indexOf('=') + 1).replaceAll(" +", " "),
                java.time.format.DateTimeFormatter.ofPattern("MMM d HH:mm:ss yyyy z", Locale.ENGLISH)).toInstant();
    }

    /** Whether the CRL text lists the serial (openssl prints serials in upper-case hexadecimal). */
    public static boolean lists(String crlText, String serialHex) {
        String wanted = serialHex.toUpperCase(Locale.ROOT);
        return crlText.contains("Serial Number: " + wanted) || crlText.contains("Serial Number: 0" + wanted);
    }

    private Path issuerPem() {
        Path der = work.resolve("act.der");
        Path pem = work.resolve("act.pem");
        try {
            Files.write(der, server.get(HttpClient.newHttpClient(), server.pki("/pki/ca/act.crt")).body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl.runSuccessfully("x509", "-inform", "DER", "-in", der.toString(), "-out", pem.toString());
        return pem;
    }

    private String certificatePem(String serialHex) {
        var response = server.get(server.administratorClient(), server.api("/api/v1/admin/certificates/" + serialHex));
        return JSON.readTree(response.body()).get("certificatePem").asString();
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(work.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
