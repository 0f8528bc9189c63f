package fr.cartesagents.ra.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalManagementPort;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;

/**
 * The management listener: readiness with its database and HSM components, Prometheus metrics of the
 * PKI (issuances, OCSP answers by status, CRL freshness, database up) and of the HTTP requests, and the
 * durability settings of the embedded database (fsync on, although zonky starts it with -F).
 */
class MonitoringTest extends RunningServer {

    @LocalManagementPort
    int managementPort;

    @TempDir
    Path work;

    @Test
    void whenScraped_thenReadinessNamesDatabaseAndHsmAndPrometheusHasThePkiMetrics() {
        OpenSsl openssl = OpenSsl.require();
        String csr = CertificateRequests.csr(openssl, work, "METRICS-1", "ec");
        assertThat(postJson(administratorClient(), api("/api/v1/admin/certificates"),
                CertificateRequests.issueJson("authentication", csr, "METRICS-1"), newKey()).statusCode()).isEqualTo(201);
        assertThat(get(HttpClient.newHttpClient(), pki("/pki/ocsp/MAA%3D")).statusCode()).isEqualTo(200); // malformedRequest

        HttpResponse<byte[]> readiness = get(HttpClient.newHttpClient(), management("/actuator/health/readiness"));
        assertThat(readiness.statusCode()).as(text(readiness)).isEqualTo(200);
        assertThat(text(readiness)).contains("\"database\"", "\"hsm\"", "\"durable\":true", "\"fsync\":\"on\"",
                "\"synchronous_commit\":\"on\"");

        String metrics = text(get(HttpClient.newHttpClient(), management("/actuator/prometheus")));
        assertThat(metrics).contains("cartes_certificates_issued_total 1.0", "cartes_database_up 1.0",
                "cartes_ocsp_responses_total{status=\"malformed_request\"} 1.0",
                "cartes_crl_seconds_to_next_update{ca=\"act\",kind=\"full\"}", "http_server_requests_seconds_count");
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }
}
