package fr.cartesagents.ra.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/** The authorization matrix of the directory (people, mayors and delegates, delegations, national roles), and the routes on a person by the target's role. */
class DirectoryAuthorizationMatrixTest extends AuthorizationMatrix {

    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
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
    }

    @Override
    Map<String, Row> routes() {
        return ROUTES;
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
}
