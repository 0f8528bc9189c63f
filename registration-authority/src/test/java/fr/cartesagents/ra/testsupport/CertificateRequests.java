package fr.cartesagents.ra.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.cartesagents.ca.testutil.OpenSsl;

/** PKCS#10 requests made by openssl, as a card middleware or an operator would make them. */
public final class CertificateRequests {

    private CertificateRequests() {
    }

    /** A CSR (PEM) for a fresh key made by {@code openssl req -newkey <keySpec>}, e.g. "rsa:2048" or "ec" (P-256). */
    public static String csr(OpenSsl openssl, Path directory, String name, String keySpec) {
        Path key = directory.resolve(name + ".key");
        Path csr = directory.resolve(name + ".csr");
        if (keySpec.equals("ec")) {
            openssl.runSuccessfully("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key.toString(), "-subj", "/CN=ignored by the CA", "-out", csr.toString());
        } else {
            openssl.runSuccessfully("req", "-new", "-newkey", keySpec, "-nodes", "-keyout", key.toString(),
                    "-subj", "/CN=ignored by the CA", "-out", csr.toString());
        }
        try {
            return Files.readString(csr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON body of an issuance request. */
    public static String issueJson(String profile, String csrPem, String holderId) {
        return """
                {"profile": "%s", "csr": "%s", "subject": {"givenName": "Marie", "surname": "Dupont",
                 "organization": "Ville de Paris", "siren": "217500016", "holderId": "%s"}}"""
                .formatted(profile, csrPem.replace("\n", "\\n"), holderId);
    }
}
