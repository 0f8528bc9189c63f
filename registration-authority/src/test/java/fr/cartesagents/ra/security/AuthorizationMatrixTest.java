package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;

import fr.cartesagents.ca.testutil.OpenSsl;
import fr.cartesagents.ra.testsupport.CertificateRequests;
import fr.cartesagents.ra.testsupport.RunningServer;
import fr.cartesagents.ra.testsupport.TestCards;
import fr.cartesagents.ra.testsupport.TestDirectory;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every route of the application × every role × own / other collectivity. The routes are read
 * from Spring's handler mappings (annotated controllers, actuator, router functions), and each
 * must have a row in {@link #ROUTES} saying which rule guards it and how to call it: a route
 * without a row fails this test by name, so that no endpoint escapes authorization.
 *
 * <p>The fixture world has two communes, A and B, each with its registration office, mayor,
 * delegate and agent; an auditor and a national administrator (people of the directory); the
 * administrator certificate; an anonymous caller. Callers are A's people: "own" targets A, "other"
 * targets B. Allowed means neither 401 nor 403 (and no 5xx); forbidden means 403 or 404 for
 * an authenticated caller, 401 for an anonymous one, and in both cases nothing changed in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest extends RunningServer {

    /** Who calls. */
    enum Caller {
        ANONYMOUS, HOLDER, AGENT, DELEGATE, MAYOR, REGISTRATION_OFFICER, AUDITOR, NATIONAL_ADMINISTRATOR, ADMINISTRATOR_CERTIFICATE,
        /** A demo bearer token (the demo commune's agent, neither A nor B): no certificate at all. */
        BEARER
    }

    /** Which callers a route lets in, for a target in their own collectivity or another one. */
    interface Rule {
        boolean allows(Caller caller, boolean own);

        /** Whether the answer can depend on the target collectivity (else each caller is tried once). */
        default boolean scoped() {
            return false;
        }
    }

    static final Rule PUBLIC = (caller, own) -> true;
    static final Rule AUTHENTICATED = (caller, own) -> caller != Caller.ANONYMOUS;
    static final Rule ADMINISTRATOR_CERTIFICATE_ONLY = (caller, own) -> caller == Caller.ADMINISTRATOR_CERTIFICATE;

    /** Holders of {@code permission} on the target collectivity ({@link AccessPolicy#require}). */
    static Rule onCollectivity(Permission permission) {
        return new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return switch (caller) {
                    case ANONYMOUS, HOLDER, BEARER -> false;
                    case ADMINISTRATOR_CERTIFICATE -> permission.grantedTo(Role.NATIONAL_ADMINISTRATOR);
                    case NATIONAL_ADMINISTRATOR, AUDITOR -> permission.grantedTo(Role.valueOf(caller.name()));
                    default -> own && permission.grantedTo(Role.valueOf(caller.name()));
                };
            }

            @Override
            public boolean scoped() {
                return true;
            }
        };
    }

    /** The person themselves (the sample {person} is the own collectivity's agent), or holders of {@code permission} there. */
    static Rule selfOr(Permission permission) {
        Rule onCollectivity = onCollectivity(permission);
        return new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return (caller == Caller.AGENT && own) || onCollectivity.allows(caller, own);
            }

            @Override
            public boolean scoped() {
                return true;
            }
        };
    }

    /** Registered relying applications (none of the callers here is one) and national administrators. */
    static final Rule RELYING_APPLICATIONS_AND_NATIONAL_ADMINISTRATORS =
            (caller, own) -> caller == Caller.NATIONAL_ADMINISTRATOR || caller == Caller.ADMINISTRATOR_CERTIFICATE;

    /** Holders of {@code permission} everywhere ({@link AccessPolicy#requireEverywhere}). */
    static Rule everywhere(Permission permission) {
        return (caller, own) -> switch (caller) {
            case ADMINISTRATOR_CERTIFICATE -> permission.grantedTo(Role.NATIONAL_ADMINISTRATOR);
            case NATIONAL_ADMINISTRATOR, AUDITOR -> permission.grantedTo(Role.valueOf(caller.name()));
            default -> false;
        };
    }

    /** How to call a route as one caller, against the own or the other collectivity's samples. */
    interface Call {
        HttpRequest.Builder request(Samples samples, boolean own);
    }

    static Call get(String path) {
        return (samples, own) -> HttpRequest.newBuilder(samples.uri(path, own)).GET();
    }

    static Call postJson(String path, java.util.function.BiFunction<Samples, Boolean, String> body) {
        return (samples, own) -> HttpRequest.newBuilder(samples.uri(path, own)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("If-Match", STALE_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(body.apply(samples, own)));
    }

    /** An empty JSON object: enough to reach the authorization check of a handler that validates afterwards. */
    static final java.util.function.BiFunction<Samples, Boolean, String> EMPTY = (s, own) -> "{}";

    /**
     * Writes carry an If-Match that is never current: an allowed caller's update stops at 412 (or 400
     * on the empty body) and changes nothing, so that the fixture world stays as it was.
     */
    static final String STALE_VERSION = "\"999999\"";

    /** A PUT of an empty object with a stale If-Match. */
    static Call putJson(String path) {
        return (samples, own) -> HttpRequest.newBuilder(samples.uri(path, own)).header("Content-Type", "application/json")
                .header("If-Match", STALE_VERSION).PUT(HttpRequest.BodyPublishers.ofString("{}"));
    }

    record Row(Rule rule, Call call) {
    }

    /**
     * The route table: "METHOD pattern" as Spring maps it → rule and call. Path variables of calls:
     * {collectivity}, {office}, {person} (an agent of the collectivity), {serial} (a fresh card
     * certificate's serial), {pki} (the plain-HTTP repository listener).
     */
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

        // Territory: collectivities, offices, reference data, conventions. Lists are filtered to what the caller may read.
        ROUTES.put("GET /api/v1/collectivities", new Row(AUTHENTICATED, get("/api/v1/collectivities")));
        ROUTES.put("GET /api/v1/collectivities/{id}", new Row(onCollectivity(Permission.READ), get("/api/v1/collectivities/{collectivity}")));
        ROUTES.put("POST /api/v1/collectivities", new Row(everywhere(Permission.ADMINISTER), postJson("/api/v1/collectivities", EMPTY)));
        ROUTES.put("PUT /api/v1/collectivities/{id}", new Row(onCollectivity(Permission.ADMINISTER),
                putJson("/api/v1/collectivities/{collectivity}")));
        ROUTES.put("PUT /api/v1/collectivities/{id}/registration-office", new Row(onCollectivity(Permission.ADMINISTER),
                putJson("/api/v1/collectivities/{collectivity}/registration-office")));
        ROUTES.put("PUT /api/v1/collectivities/{id}/members", new Row(onCollectivity(Permission.ADMINISTER),
                putJson("/api/v1/collectivities/{collectivity}/members")));
        ROUTES.put("PUT /api/v1/collectivities/{id}/card-management", new Row(onCollectivity(Permission.APPOINT_DELEGATES),
                putJson("/api/v1/collectivities/{collectivity}/card-management")));
        ROUTES.put("GET /api/v1/registration-offices", new Row(AUTHENTICATED, get("/api/v1/registration-offices")));
        ROUTES.put("GET /api/v1/registration-offices/{id}", new Row(onCollectivity(Permission.READ),
                get("/api/v1/registration-offices/{office}")));
        ROUTES.put("POST /api/v1/registration-offices", new Row(everywhere(Permission.ADMINISTER),
                postJson("/api/v1/registration-offices", EMPTY)));
        ROUTES.put("PUT /api/v1/registration-offices/{id}", new Row(everywhere(Permission.ADMINISTER),
                putJson("/api/v1/registration-offices/{office}")));
        ROUTES.put("POST /api/v1/admin/reference-data/communes", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/reference-data/communes", (s, own) -> "[]")));
        ROUTES.put("POST /api/v1/admin/reference-data/epcis", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/reference-data/epcis", (s, own) -> "[]")));
        ROUTES.put("GET /api/v1/conventions", new Row(onCollectivity(Permission.READ),
                get("/api/v1/conventions?collectivityId={collectivity}")));
        // Conventions of no readable collectivity are not found (404) for everyone.
        ROUTES.put("GET /api/v1/conventions/{id}", new Row(AUTHENTICATED, get("/api/v1/conventions/{random}")));
        ROUTES.put("POST /api/v1/conventions", new Row(everywhere(Permission.ADMINISTER), postJson("/api/v1/conventions", EMPTY)));
        ROUTES.put("PUT /api/v1/conventions/{id}/annex", new Row(everywhere(Permission.ADMINISTER),
                putJson("/api/v1/conventions/{random}/annex")));
        ROUTES.put("POST /api/v1/conventions/{id}/transitions", new Row(everywhere(Permission.ADMINISTER),
                postJson("/api/v1/conventions/{random}/transitions", EMPTY)));

        // Directory: people, mayors and delegates, delegations, national roles.
        ROUTES.put("GET /api/v1/people", new Row(AUTHENTICATED, get("/api/v1/people?name=a")));
        ROUTES.put("POST /api/v1/people", new Row(everywhere(Permission.ADMINISTER), postJson("/api/v1/people", EMPTY)));
        ROUTES.put("GET /api/v1/people/{personId}", new Row(selfOr(Permission.READ), get("/api/v1/people/{person}")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/people", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/people")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/people", new Row(onCollectivity(Permission.MANAGE_DIRECTORY),
                postJson("/api/v1/collectivities/{collectivity}/people", EMPTY)));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/people/{personId}", new Row(selfOr(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/people/{person}")));
        ROUTES.put("PUT /api/v1/collectivities/{collectivityId}/people/{personId}", new Row(onCollectivity(Permission.MANAGE_DIRECTORY),
                putJson("/api/v1/collectivities/{collectivity}/people/{person}")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/people/{personId}/departure",
                new Row(onCollectivity(Permission.MANAGE_DIRECTORY), postJson("/api/v1/collectivities/{collectivity}/people/{person}/departure", EMPTY)));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/mayor", new Row(onCollectivity(Permission.ADMINISTER),
                postJson("/api/v1/collectivities/{collectivity}/mayor", EMPTY)));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/delegates", new Row(onCollectivity(Permission.APPOINT_DELEGATES),
                postJson("/api/v1/collectivities/{collectivity}/delegates", EMPTY)));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/delegates/{assignmentId}/dismissal",
                new Row(onCollectivity(Permission.APPOINT_DELEGATES),
                        postJson("/api/v1/collectivities/{collectivity}/delegates/{assignment}/dismissal", EMPTY)));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/roles", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/roles")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/roles/{assignmentId}", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/roles/{assignment}")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/directory-status", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/directory-status")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/delegations", new Row(onCollectivity(Permission.APPOINT_DELEGATES),
                postJson("/api/v1/collectivities/{collectivity}/delegations", EMPTY)));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/delegations", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/delegations")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/delegations/{delegationId}", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/delegations/{random}")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/delegations/{delegationId}/end",
                new Row(onCollectivity(Permission.APPOINT_DELEGATES), postJson("/api/v1/collectivities/{collectivity}/delegations/{random}/end", EMPTY)));
        ROUTES.put("POST /api/v1/national-roles", new Row(everywhere(Permission.ADMINISTER), postJson("/api/v1/national-roles", EMPTY)));
        ROUTES.put("GET /api/v1/national-roles", new Row(everywhere(Permission.READ), get("/api/v1/national-roles")));
        ROUTES.put("GET /api/v1/national-roles/{assignmentId}", new Row(everywhere(Permission.READ),
                get("/api/v1/national-roles/{nationalAssignment}")));
        ROUTES.put("POST /api/v1/national-roles/{assignmentId}/end", new Row(everywhere(Permission.ADMINISTER),
                postJson("/api/v1/national-roles/{nationalAssignment}/end", EMPTY)));

        ROUTES.put("GET /api/v1/collectivities/{id}/permissions", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/permissions")));
        ROUTES.put("GET /api/v1/collectivities/{id}/permissions/{permission}", new Row(onCollectivity(Permission.MANAGE_DIRECTORY),
                get("/api/v1/collectivities/{collectivity}/permissions/manage_directory")));
        ROUTES.put("GET /api/v1/people/{personId}/habilitations", new Row(selfOr(Permission.READ),
                get("/api/v1/people/{person}/habilitations")));

        // Compliance: the Guide SSI questionnaire and audit findings.
        ROUTES.put("GET /api/v1/collectivities/{id}/questionnaire", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/questionnaire")));
        ROUTES.put("PUT /api/v1/collectivities/{id}/questionnaire", new Row(onCollectivity(Permission.ANSWER_QUESTIONNAIRE),
                putJson("/api/v1/collectivities/{collectivity}/questionnaire")));
        ROUTES.put("GET /api/v1/collectivities/{id}/findings", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/findings")));
        ROUTES.put("POST /api/v1/collectivities/{id}/findings", new Row(onCollectivity(Permission.ADMINISTER),
                postJson("/api/v1/collectivities/{collectivity}/findings", EMPTY)));
        ROUTES.put("POST /api/v1/collectivities/{id}/findings/{findingId}/closure", new Row(onCollectivity(Permission.ADMINISTER),
                postJson("/api/v1/collectivities/{collectivity}/findings/{random}/closure", EMPTY)));

        // Habilitations, relying applications, checks.
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/habilitations", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/habilitations")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/habilitations", new Row(onCollectivity(Permission.MANAGE_HABILITATIONS),
                postJson("/api/v1/collectivities/{collectivity}/habilitations",
                        (s, own) -> "{\"personId\": \"" + s.person(own) + "\", \"application\": \"saip\", \"level\": \"utilisateur\"}")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/habilitations/{id}", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/habilitations/{random}")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/habilitations/{id}/withdrawal",
                new Row(onCollectivity(Permission.MANAGE_HABILITATIONS),
                        postJson("/api/v1/collectivities/{collectivity}/habilitations/{random}/withdrawal", EMPTY)));
        ROUTES.put("GET /api/v1/people/{personId}/habilitations", new Row(selfOr(Permission.READ),
                get("/api/v1/people/{person}/habilitations")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/habilitation-requests", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/habilitation-requests")));
        ROUTES.put("GET /api/v1/collectivities/{collectivityId}/habilitation-requests/{id}", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/habilitation-requests/{random}")));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/habilitation-requests/{id}/approval",
                new Row(onCollectivity(Permission.MANAGE_HABILITATIONS),
                        postJson("/api/v1/collectivities/{collectivity}/habilitation-requests/{random}/approval", EMPTY)));
        ROUTES.put("POST /api/v1/collectivities/{collectivityId}/habilitation-requests/{id}/rejection",
                new Row(onCollectivity(Permission.MANAGE_HABILITATIONS),
                        postJson("/api/v1/collectivities/{collectivity}/habilitation-requests/{random}/rejection", EMPTY)));
        ROUTES.put("GET /pki/habilitation-keys.json", new Row(PUBLIC, get("{pki}/pki/habilitation-keys.json")));
        ROUTES.put("POST /api/v1/admin/relying-applications", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/relying-applications", EMPTY)));
        ROUTES.put("GET /api/v1/admin/relying-applications", new Row(ADMINISTRATOR_CERTIFICATE_ONLY, get("/api/v1/admin/relying-applications")));
        ROUTES.put("GET /api/v1/admin/relying-applications/{id}", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                get("/api/v1/admin/relying-applications/{random}")));
        ROUTES.put("POST /api/v1/admin/relying-applications/{id}/disable", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/relying-applications/{random}/disable", EMPTY)));
        ROUTES.put("POST /api/v1/admin/relying-applications/{id}/enable", new Row(ADMINISTRATOR_CERTIFICATE_ONLY,
                postJson("/api/v1/admin/relying-applications/{random}/enable", EMPTY)));
        ROUTES.put("POST /api/v1/habilitation-checks", new Row(RELYING_APPLICATIONS_AND_NATIONAL_ADMINISTRATORS, postJson("/api/v1/habilitation-checks", EMPTY)));
        // Cards: revocation (Art. VI), by the holder (the sample card is the own agent's), card managers, the office.
        ROUTES.put("POST /api/v1/cards/{cardId}/revocation", new Row(selfOr(Permission.ORDER_CARDS),
                postJson("/api/v1/cards/{card}/revocation", (s, own) -> "{\"reason\": \"loss\"}")));
        // Unblock (Art. V): the code goes to the holder; asked by the holder, card managers or the office; used without a certificate.
        ROUTES.put("POST /api/v1/cards/{cardId}/unblock-requests", new Row(selfOr(Permission.HAND_OVER_CARDS),
                postJson("/api/v1/cards/{card}/unblock-requests", EMPTY)));
        ROUTES.put("POST /api/v1/cards/{cardId}/unblock", new Row(PUBLIC, postJson("/api/v1/cards/{card}/unblock", EMPTY)));
        // Renewal of a card's certificates: its holder only (the sample card is the own agent's), with the card in their reader.
        ROUTES.put("POST /api/v1/cards/{cardId}/renewal", new Row(new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return caller == Caller.AGENT && own;
            }

            @Override
            public boolean scoped() {
                return true;
            }
        }, postJson("/api/v1/cards/{card}/renewal", EMPTY)));
        // Billing (annex 1): statements for readers of the collectivity; reader deliveries by its registration office.
        ROUTES.put("GET /api/v1/collectivities/{id}/billing", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/billing")));
        ROUTES.put("POST /api/v1/collectivities/{id}/reader-deliveries", new Row(new Rule() {
            @Override
            public boolean allows(Caller caller, boolean own) {
                return caller == Caller.NATIONAL_ADMINISTRATOR || caller == Caller.ADMINISTRATOR_CERTIFICATE
                        || caller == Caller.REGISTRATION_OFFICER && own;
            }

            @Override
            public boolean scoped() {
                return true;
            }
        }, postJson("/api/v1/collectivities/{collectivity}/reader-deliveries", EMPTY)));
        // Without the card (issue 17): no certificate; the code, the link or the mailed code is the credential.
        ROUTES.put("POST /api/v1/card-revocations", new Row(PUBLIC, postJson("/api/v1/card-revocations", EMPTY)));
        ROUTES.put("POST /api/v1/card-revocation-requests", new Row(PUBLIC, postJson("/api/v1/card-revocation-requests", EMPTY)));
        ROUTES.put("POST /api/v1/habilitation-statements", new Row(RELYING_APPLICATIONS_AND_NATIONAL_ADMINISTRATORS,
                postJson("/api/v1/habilitation-statements", EMPTY)));

        // Cards and card orders (the fixture world has no CARTES convention: an allowed order stops at 422, nothing changes).
        // Orders, cards and hand-overs of no readable collectivity are not found (404) for everyone; the rules on the
        // target (the office for the mayor's and delegates' cards, Art. VII suspension) are proved in CardLifecycleEndToEndTest.
        ROUTES.put("POST /api/v1/collectivities/{id}/card-orders", new Row(onCollectivity(Permission.ORDER_CARDS),
                postJson("/api/v1/collectivities/{collectivity}/card-orders",
                        (s, own) -> "{\"personId\": \"" + s.person(own) + "\", \"reason\": \"initial\"}")));
        ROUTES.put("GET /api/v1/collectivities/{id}/card-orders", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/card-orders")));
        ROUTES.put("GET /api/v1/collectivities/{id}/cards", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/cards")));
        ROUTES.put("GET /api/v1/card-orders/{id}", new Row(AUTHENTICATED, get("/api/v1/card-orders/{random}")));
        ROUTES.put("POST /api/v1/card-orders/{id}/transitions", new Row(AUTHENTICATED,
                postJson("/api/v1/card-orders/{random}/transitions", (s, own) -> "{\"action\": \"approve\"}")));
        ROUTES.put("POST /api/v1/card-orders/{id}/personalization", new Row(AUTHENTICATED,
                postJson("/api/v1/card-orders/{random}/personalization", EMPTY)));
        ROUTES.put("GET /api/v1/cards/{cardId}", new Row(AUTHENTICATED, get("/api/v1/cards/{random}")));
        ROUTES.put("GET /api/v1/people/{personId}/cards", new Row(selfOr(Permission.READ), get("/api/v1/people/{person}/cards")));
        ROUTES.put("GET /api/v1/terms-of-use", new Row(AUTHENTICATED, get("/api/v1/terms-of-use")));
        ROUTES.put("GET /api/v1/cards/{cardId}/hand-over-receipt", new Row(AUTHENTICATED, get("/api/v1/cards/{random}/hand-over-receipt")));
        ROUTES.put("POST /api/v1/cards/{cardId}/hand-over", new Row(AUTHENTICATED, postJson("/api/v1/cards/{random}/hand-over", EMPTY)));
        ROUTES.put("GET /api/v1/cards/{cardId}/identity-document", new Row(AUTHENTICATED,
                get("/api/v1/cards/{random}/identity-document")));
        ROUTES.put("POST /api/v1/cards/{cardId}/activation-challenges", new Row(AUTHENTICATED,
                postJson("/api/v1/cards/{random}/activation-challenges", EMPTY)));
        ROUTES.put("POST /api/v1/cards/{cardId}/activation", new Row(AUTHENTICATED,
                postJson("/api/v1/cards/{random}/activation", EMPTY)));
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    fr.cartesagents.ra.card.CardTransitions cardTransitions;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator transactions;

    @TempDir
    Path work;

    private Samples samples;
    private final Map<Caller, HttpClient> clients = new EnumMap<>(Caller.class);
    /** The demo bearer token of {@link Caller#BEARER}. */
    private String bearerToken;
    /** A's agent, delegate and mayor: the targets of the routes on a person. */
    private final Map<Caller, UUID> peopleOfA = new EnumMap<>(Caller.class);

    @BeforeAll
    void world() {
        TestDirectory directory = directory();
        UUID officeA = directory.office("Préfecture du Nord");
        UUID officeB = directory.office("Préfecture du Pas-de-Calais");
        UUID a = directory.commune("Armentières (matrice)", officeA);
        UUID b = directory.commune("Arras (matrice)", officeB);
        Map<Caller, TestPerson> people = new EnumMap<>(Caller.class);
        for (UUID commune : List.of(a, b)) {
            for (Caller caller : List.of(Caller.MAYOR, Caller.DELEGATE, Caller.AGENT)) {
                TestPerson person = directory.person("Élise", caller.name().toLowerCase() + "-" + (commune == a ? "A" : "B"));
                directory.assign(person, Role.valueOf(caller.name()), commune);
                if (caller != Caller.AGENT) {
                    directory.assign(person, Role.AGENT, commune); // mayors and delegates are people of the commune's directory too
                }
                if (commune == a) {
                    people.put(caller, person);
                }
            }
        }
        TestPerson agentB = directory.person("Agent", "Arras");
        directory.assign(agentB, Role.AGENT, b);
        TestPerson officerA = directory.person("Marc", "Officier-A");
        directory.assign(officerA, Role.REGISTRATION_OFFICER, officeA);
        people.put(Caller.REGISTRATION_OFFICER, officerA);
        directory.assign(directory.person("Marc", "Officier-B"), Role.REGISTRATION_OFFICER, officeB);
        TestPerson auditor = directory.person("Claire", "Auditrice");
        directory.assign(auditor, Role.AUDITOR, null);
        people.put(Caller.AUDITOR, auditor);
        TestPerson national = directory.person("Nadia", "Nationale");
        directory.assign(national, Role.NATIONAL_ADMINISTRATOR, null);
        people.put(Caller.NATIONAL_ADMINISTRATOR, national);
        people.put(Caller.HOLDER, directory.person("Hugo", "Titulaire"));

        people.forEach((caller, person) -> clients.put(caller, clientOf(person)));
        clients.put(Caller.ANONYMOUS, anonymousClient());
        clients.put(Caller.ADMINISTRATOR_CERTIFICATE, administratorClient());
        clients.put(Caller.BEARER, anonymousClient());
        HttpResponse<byte[]> demoLogin = postJson(anonymousClient(), api("/api/v1/demo/login"), "{\"user\": \"agent\"}", null);
        assertThat(demoLogin.statusCode()).as(text(demoLogin)).isEqualTo(200);
        bearerToken = JsonMapper.builder().build().readTree(demoLogin.body()).get("token").asString();
        samples = new Samples(a, b, officeA, officeB, people.get(Caller.AGENT).id(), agentB.id());
        for (Caller member : List.of(Caller.AGENT, Caller.DELEGATE, Caller.MAYOR)) {
            peopleOfA.put(member, people.get(member).id());
        }
        // A personalized card for each collectivity's agent: revocations consume the own one (later ones get 409).
        TestCards cards = new TestCards(this, database, cardTransitions, transactions);
        samples.cardA = cards.personalize(people.get(Caller.AGENT), a).id();
        samples.cardB = cards.personalize(agentB, b).id();
    }

    @Test
    void everyRouteOfTheApplicationHasARowInTheTable() {
        Set<String> routes = routesOfTheApplication();
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(ROUTES.keySet());
        Set<String> stale = new TreeSet<>(ROUTES.keySet());
        stale.removeAll(routes);
        assertThat(Map.of("routes without a row in ROUTES (say who may call them)", missing,
                "rows of ROUTES for routes that no longer exist", stale))
                .as("AuthorizationMatrixTest.ROUTES against the application's routes")
                .allSatisfy((problem, names) -> assertThat(names).as(problem).isEmpty());
    }

    @Test
    void everyRouteLetsInExactlyTheCallersItsRuleAllows() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Row> route : ROUTES.entrySet()) {
            Row row = route.getValue();
            for (Caller caller : Caller.values()) {
                for (boolean own : row.rule().scoped() ? new boolean[] {true, false} : new boolean[] {true}) {
                    check(route.getKey(), row, caller, own).ifPresent(failures::add);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private java.util.Optional<String> check(String route, Row row, Caller caller, boolean own) {
        boolean allowed = row.rule().allows(caller, own);
        // Built first: preparing a sample (a fresh certificate to revoke) may itself write to the database.
        HttpRequest request = as(caller, row.call().request(samples, own)).timeout(Duration.ofSeconds(60)).build();
        String before = allowed ? "" : databaseState();
        HttpResponse<byte[]> response = send(clients.get(caller), request);
        int status = response.statusCode();
        String where = route + " as " + caller + (row.rule().scoped() ? (own ? " (own)" : " (other)") : "");
        if (status >= 500) {
            return java.util.Optional.of(where + ": no route may answer 5xx to any caller, got " + status + " " + text(response));
        }
        if (allowed) {
            return status == 401 || status == 403 || status >= 500
                    ? java.util.Optional.of(where + ": allowed but got " + status + " " + text(response))
                    : java.util.Optional.empty();
        }
        boolean refused = caller == Caller.ANONYMOUS ? status == 401 : status == 403 || status == 404;
        if (!refused) {
            return java.util.Optional.of(where + ": forbidden but got " + status + " " + text(response));
        }
        String after = databaseState();
        return before.equals(after) ? java.util.Optional.empty()
                : java.util.Optional.of(where + ": refused with " + status + " but the database changed: " + before + " -> " + after);
    }

    /** Who the routes on a person act on, in the caller's own collectivity A. */
    enum Target { AGENT, DELEGATE, MAYOR, SELF }

    /** What a route on a person should answer. */
    enum Expected { REFUSED, ALLOWED, PENDING_FOR_ANOTHER_MANAGER }

    /**
     * The routes on a person or a grant × every caller × the target's role (A's agent, delegate, mayor,
     * or the caller themselves): changing a person's record or recording their departure needs, beyond
     * MANAGE_DIRECTORY, the permission that governs each trust role they hold (the mayor's for a
     * delegate, a national administrator's for the mayor); a grant to oneself waits for another
     * manager (202). Writes carry a stale If-Match, so an allowed change stops at 412.
     */
    @Test
    void routesOnAPersonAnswerByTheTargetsRole() {
        List<String> failures = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            for (Target target : Target.values()) {
                boolean memberOfA = caller == Caller.AGENT || caller == Caller.DELEGATE || caller == Caller.MAYOR;
                if (target == Target.SELF && !memberOfA) {
                    continue;
                }
                Caller targetRole = target == Target.SELF ? caller : Caller.valueOf(target.name());
                if (target != Target.SELF && targetRole == caller) {
                    continue; // A's agent, delegate or mayor acting on their own record: the SELF case
                }
                UUID person = peopleOfA.get(targetRole);
                String base = "/api/v1/collectivities/" + samples.a + "/people/" + person;
                Expected change = mayChange(caller, targetRole) ? Expected.ALLOWED : Expected.REFUSED;
                onPerson(caller, target, "PUT person", change, HttpRequest.newBuilder(api(base))
                        .header("Content-Type", "application/json").header("If-Match", STALE_VERSION)
                        .PUT(HttpRequest.BodyPublishers.ofString(personJson()))).ifPresent(failures::add);
                onPerson(caller, target, "POST departure", change, HttpRequest.newBuilder(api(base + "/departure"))
                        .header("Content-Type", "application/json").header("If-Match", STALE_VERSION)
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))).ifPresent(failures::add);
                Expected grant = !onCollectivity(Permission.MANAGE_HABILITATIONS).allows(caller, true) ? Expected.REFUSED
                        : target == Target.SELF ? Expected.PENDING_FOR_ANOTHER_MANAGER : Expected.ALLOWED;
                onPerson(caller, target, "POST habilitation", grant, HttpRequest.newBuilder(
                                api("/api/v1/collectivities/" + samples.a + "/habilitations"))
                        .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"personId\": \"" + person + "\", " + (target == Target.SELF
                                ? "\"application\": \"saip\", \"level\": \"utilisateur\"}"
                                : "\"application\": \"tes\", \"level\": \"recueil\"}")))).ifPresent(failures::add);
            }
        }
        assertThat(failures).isEmpty();
    }

    /** MANAGE_DIRECTORY on A, and the permission governing the target's trust role (none for an agent). */
    private static boolean mayChange(Caller caller, Caller targetRole) {
        if (!onCollectivity(Permission.MANAGE_DIRECTORY).allows(caller, true)) {
            return false;
        }
        return switch (targetRole) {
            case DELEGATE -> onCollectivity(Permission.APPOINT_DELEGATES).allows(caller, true);
            case MAYOR -> onCollectivity(Permission.ADMINISTER).allows(caller, true);
            default -> true;
        };
    }

    private java.util.Optional<String> onPerson(Caller caller, Target target, String route, Expected expected,
                                                HttpRequest.Builder builder) {
        String before = expected == Expected.REFUSED ? databaseState() : "";
        HttpResponse<byte[]> response = send(clients.get(caller), as(caller, builder).timeout(Duration.ofSeconds(60)).build());
        int status = response.statusCode();
        String where = route + " on " + target + " as " + caller;
        boolean answered = switch (expected) {
            case REFUSED -> caller == Caller.ANONYMOUS ? status == 401 : status == 403;
            case ALLOWED -> status != 401 && status != 403 && status < 500 && status != 202;
            case PENDING_FOR_ANOTHER_MANAGER -> status == 202;
        };
        if (!answered) {
            return java.util.Optional.of(where + ": expected " + expected + " but got " + status + " " + text(response));
        }
        if (expected == Expected.REFUSED && !before.equals(databaseState())) {
            return java.util.Optional.of(where + ": refused with " + status + " but the database changed");
        }
        return java.util.Optional.empty();
    }

    private static String personJson() {
        return "{\"birthName\": \"Martin\", \"givenNames\": \"Élise\", \"birthDate\": \"1980-04-12\","
                + " \"birthPlace\": \"Lille\", \"email\": \"elise.martin@mairie.test\"}";
    }

    /** The request as {@code caller} sends it: the bearer caller adds its token (the others are their TLS client). */
    private HttpRequest.Builder as(Caller caller, HttpRequest.Builder request) {
        return caller == Caller.BEARER ? request.header("Authorization", "Bearer " + bearerToken) : request;
    }

    /** "METHOD pattern" for every route the application maps. */
    private Set<String> routesOfTheApplication() {
        Set<String> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<String> methods = new TreeSet<>();
                info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
                if (methods.isEmpty()) {
                    methods.add("ANY");
                }
                for (var pattern : info.getPatternsCondition().getPatterns()) {
                    methods.forEach(method -> routes.add(method + " " + pattern.getPatternString()));
                }
            }
        }
        for (RouterFunctionMapping mapping : context.getBeansOfType(RouterFunctionMapping.class).values()) {
            RouterFunction<?> functions = mapping.getRouterFunction();
            if (functions != null) {
                functions.accept(new RouteCollector(routes));
            }
        }
        return routes;
    }

    /** Router functions' routes, named by their predicate (e.g. "(GET && /api/v1/x)"). */
    private record RouteCollector(Set<String> routes) implements RouterFunctions.Visitor {
        @Override
        public void startNested(RequestPredicate predicate) {
        }

        @Override
        public void endNested(RequestPredicate predicate) {
        }

        @Override
        public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
            routes.add("ROUTER " + predicate);
        }

        @Override
        public void resources(java.util.function.Function<org.springframework.web.reactive.function.server.ServerRequest,
                reactor.core.publisher.Mono<org.springframework.core.io.Resource>> lookupFunction) {
            routes.add("ROUTER resources " + lookupFunction);
        }

        @Override
        public void attributes(Map<String, Object> attributes) {
        }

        @Override
        public void unknown(RouterFunction<?> routerFunction) {
            routes.add("ROUTER " + routerFunction);
        }
    }

    /**
     * Row counts of every table and the last audit event: what a refused call must leave as it was.
     * Audit checkpoints are left out: the server writes them on its own schedule (every few minutes or
     * events), whatever the requests.
     */
    private String databaseState() {
        List<String> tables = database.sql("select table_name from information_schema.tables where table_schema = 'public'"
                        + " and table_type = 'BASE TABLE' and table_name not in ('flyway_schema_history', 'audit_checkpoint')"
                        + " order by table_name")
                .map(row -> row.get("table_name", String.class)).all().collectList().block();
        StringBuilder state = new StringBuilder();
        for (String table : tables) {
            state.append(table).append('=').append(count(table)).append(' ');
        }
        state.append("lastAudit=").append(database.sql("select coalesce(max(id), 0) as id from audit_event")
                .map(row -> row.get("id", Long.class)).one().block());
        return state.toString();
    }

    /** Sample values of path variables and bodies, for the own (A) or the other (B) collectivity. */
    final class Samples {
        private final UUID a;
        private final UUID b;
        private final UUID officeA;
        private final UUID officeB;
        private final UUID personA;
        private final UUID personB;
        private UUID cardA;
        private UUID cardB;

        Samples(UUID a, UUID b, UUID officeA, UUID officeB, UUID personA, UUID personB) {
            this.a = a;
            this.b = b;
            this.officeA = officeA;
            this.officeB = officeB;
            this.personA = personA;
            this.personB = personB;
        }

        URI uri(String template, boolean own) {
            String path = template
                    .replace("{collectivity}", (own ? a : b).toString())
                    .replace("{office}", (own ? officeA : officeB).toString())
                    .replace("{person}", (own ? personA : personB).toString())
                    .replace("{assignment}", assignmentOf(own ? a : b, "delegate").toString())
                    .replace("{nationalAssignment}", assignmentOf(null, "auditor").toString())
                    .replace("{random}", UUID.randomUUID().toString())
                    .replace("{card}", (own ? cardA : cardB).toString());
            if (path.contains("{serial}")) {
                path = path.replace("{serial}", freshSerial());
            }
            return path.startsWith("{pki}") ? pki(path.substring("{pki}".length())) : api(path);
        }

        UUID person(boolean own) {
            return own ? personA : personB;
        }

        /** The id of a current role assignment: {@code role} in the collectivity, or a national one when it is null. */
        UUID assignmentOf(UUID collectivity, String role) {
            return database.sql("select id from role_assignment where role = :role and ends_on is null and "
                            + (collectivity == null ? "collectivity_id is null" : "collectivity_id = :collectivity") + " limit 1")
                    .bind("role", role)
                    .bindValues(collectivity == null ? Map.of() : Map.of("collectivity", collectivity))
                    .map(row -> row.get("id", UUID.class)).one().block();
        }

        /** A new card certificate's serial (revocation consumes one per call). */
        String freshSerial() {
            HttpResponse<byte[]> issued = RunningServer.send(administratorClient(), HttpRequest.newBuilder(api("/api/v1/admin/certificates"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(issueBody())).build());
            assertThat(issued.statusCode()).as(text(issued)).isEqualTo(201);
            return JsonMapper.builder().build().readTree(issued.body()).get("serial").asString();
        }

        String issueBody() {
            String csr = CertificateRequests.csr(OpenSsl.require(), work, "matrix-" + UUID.randomUUID(), "ec");
            return CertificateRequests.issueJson("authentication", csr, "MATRIX-" + UUID.randomUUID().toString().substring(0, 8));
        }
    }
}
