package fr.cartesagents.ra.security;

import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The authorization matrix of the public routes (PKI repository, API description, demo login, portal pages and session), {@code /me}, the administrator certificate's routes and the audit trail. */
class PlatformAuthorizationMatrixTest extends AuthorizationMatrix {

    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
        // Public: PKI repository (plain HTTP), health, API description, demo login, audit signer certificate.
        ROUTES.put("GET /pki/ca", new Row(PUBLIC, get("{pki}/pki/ca")));
        ROUTES.put("GET /pki/ca/{caId}.crt", new Row(PUBLIC, get("{pki}/pki/ca/act.crt")));
        ROUTES.put("GET /pki/crl/{caId}.crl", new Row(PUBLIC, get("{pki}/pki/crl/act.crl")));
        ROUTES.put("GET /pki/crl/{caId}/delta.crl", new Row(PUBLIC, get("{pki}/pki/crl/act/delta.crl")));
        ROUTES.put("GET /pki/ocsp/**", new Row(PUBLIC, get("{pki}/pki/ocsp/MAA%3D")));
        ROUTES.put("POST /pki/ocsp", new Row(PUBLIC, (samples, own) -> HttpRequest.newBuilder(samples.uri("{pki}/pki/ocsp", own))
                .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, 0}))));
        ROUTES.put("GET /api/v1/openapi.json", new Row(PUBLIC, get("/api/v1/openapi.json")));
        ROUTES.put("GET /api/v1/openapi.json.yaml", new Row(AUTHENTICATED, get("/api/v1/openapi.json.yaml")));
        ROUTES.put("POST /api/v1/demo/login", new Row(PUBLIC, postJson("/api/v1/demo/login", (s, own) -> "{\"user\": \"agent\"}")));
        ROUTES.put("GET /api/v1/audit/signer-certificate", new Row(PUBLIC, get("/api/v1/audit/signer-certificate")));
        // The card portal (ra.portal): its pages are public; a session is opened, read and ended by an authenticated caller
        // (without a session cookie, reading it is a 404 and ending it changes nothing).
        ROUTES.put("GET /", new Row(PUBLIC, get("/")));
        ROUTES.put("GET /portail", new Row(PUBLIC, get("/portail")));
        ROUTES.put("GET /portail/", new Row(PUBLIC, get("/portail/")));
        ROUTES.put("GET /portail/revocation", new Row(PUBLIC, get("/portail/revocation")));
        ROUTES.put("GET /portail/session/options", new Row(PUBLIC, get("/portail/session/options")));
        ROUTES.put("POST /portail/session", new Row(AUTHENTICATED, (samples, own) -> HttpRequest.newBuilder(samples.uri("/portail/session", own))
                .POST(HttpRequest.BodyPublishers.noBody())));
        ROUTES.put("GET /portail/session", new Row(AUTHENTICATED, get("/portail/session")));
        ROUTES.put("DELETE /portail/session", new Row(AUTHENTICATED, (samples, own) -> HttpRequest.newBuilder(samples.uri("/portail/session", own))
                .DELETE()));
        // Any authenticated caller: about themselves. (The actuator is on the management listener, see MonitoringTest.)
        ROUTES.put("GET /api/v1/me", new Row(AUTHENTICATED, get("/api/v1/me")));
        // Administrator certificate only.
        ROUTES.put("POST /api/v1/admin/certificates", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/certificates", (s, own) -> s.issueBody())));
        ROUTES.put("GET /api/v1/admin/certificates/{serial}", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                get("/api/v1/admin/certificates/{serial}")));
        ROUTES.put("POST /api/v1/admin/certificates/{serial}/revocation", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/certificates/{serial}/revocation", (s, own) -> "{\"reason\": \"superseded\"}")));
        // Audit.
        ROUTES.put("GET /api/v1/audit/events", new Row(onCollectivity(Permission.READ_AUDIT),
                get("/api/v1/audit/events?collectivity={collectivity}")));
        ROUTES.put("GET /api/v1/audit/verification", new Row(everywhere(Permission.READ_AUDIT), get("/api/v1/audit/verification")));
    }

    @Override
    Map<String, Row> routes() {
        return ROUTES;
    }
}
