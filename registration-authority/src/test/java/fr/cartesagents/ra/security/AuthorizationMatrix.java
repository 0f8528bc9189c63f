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
 * What the authorization matrix tests share: every route of a family × every role × own / other
 * collectivity. Each family ({@link PlatformAuthorizationMatrixTest}, {@link TerritoryAuthorizationMatrixTest},
 * {@link DirectoryAuthorizationMatrixTest}, {@link HabilitationAuthorizationMatrixTest},
 * {@link CardAuthorizationMatrixTest}) gives its rows in {@link #routes()}: which rule guards a route and
 * how to call it. {@link AuthorizationMatrixTest} checks that every route of the application has a
 * row in exactly one family, so that no endpoint escapes authorization.
 *
 * <p>The fixture world has two communes, A and B, each with its registration office, mayor,
 * delegate and agent; an auditor and a national administrator (people of the directory); the
 * administrator certificate; an anonymous caller. Callers are A's people: "own" targets A, "other"
 * targets B. Allowed means neither 401 nor 403 (and no 5xx); forbidden means 403 or 404 for
 * an authenticated caller, 401 for an anonymous one, and in both cases nothing changed in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationMatrix extends RunningServer {

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
     * This family's rows: "METHOD pattern" as Spring maps it → rule and call. Path variables of calls:
     * {collectivity}, {office}, {person} (an agent of the collectivity), {serial} (a fresh card
     * certificate's serial), {card} (a personalized card, see {@link #personalizesCards()}), {pki}
     * (the plain-HTTP repository listener).
     */
    abstract Map<String, Row> routes();

    /** Whether the world has a personalized card per collectivity (the {card} samples): HSM signatures, so only where used. */
    boolean personalizesCards() {
        return false;
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    fr.cartesagents.ra.card.CardTransitions cardTransitions;

    @Autowired
    org.springframework.transaction.reactive.TransactionalOperator transactions;

    @TempDir
    Path work;

    Samples samples;
    final Map<Caller, HttpClient> clients = new EnumMap<>(Caller.class);
    /** The demo bearer token of {@link Caller#BEARER}. */
    private String bearerToken;
    /** A's agent, delegate and mayor: the targets of the routes on a person. */
    final Map<Caller, UUID> peopleOfA = new EnumMap<>(Caller.class);
    /** A's callers as people of the directory (agent, delegate, mayor, registration officer, auditor, national), for their own cards. */
    final Map<Caller, TestPerson> callersOfA = new EnumMap<>(Caller.class);

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

        callersOfA.putAll(people);
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
        // For the card routes, a personalized card for each collectivity's agent: revocations consume the own one (later ones get 409).
        if (personalizesCards()) {
            TestCards cards = new TestCards(this, database, cardTransitions, transactions);
            samples.cardA = cards.personalize(people.get(Caller.AGENT), a).id();
            samples.cardB = cards.personalize(agentB, b).id();
        }
    }

    @Test
    void everyRouteLetsInExactlyTheCallersItsRuleAllows() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Row> route : routes().entrySet()) {
            Row row = route.getValue();
            for (Caller caller : Caller.values()) {
                for (boolean own : row.rule().scoped() ? new boolean[] {true, false} : new boolean[] {true}) {
                    check(route.getKey(), row, caller, own).ifPresent(failures::add);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    java.util.Optional<String> check(String route, Row row, Caller caller, boolean own) {
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

    /** The request as {@code caller} sends it: the bearer caller adds its token (the others are their TLS client). */
    HttpRequest.Builder as(Caller caller, HttpRequest.Builder request) {
        return caller == Caller.BEARER ? request.header("Authorization", "Bearer " + bearerToken) : request;
    }

    /**
     * Row counts of every table and the last audit event: what a refused call must leave as it was.
     * Audit checkpoints are left out: the server writes them on its own schedule (every few minutes or
     * events), whatever the requests.
     */
    String databaseState() {
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
        final UUID a;
        final UUID b;
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
                    .replace("{random}", UUID.randomUUID().toString());
            if (path.contains("{card}")) {
                path = path.replace("{card}", java.util.Objects.requireNonNull(own ? cardA : cardB,
                        "{card} needs personalizesCards() in its family").toString());
            }
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
