package fr.cartesagents.ra.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** The authorization matrix of the territory: collectivities, registration offices, reference data, conventions, permissions, compliance. */
class TerritoryAuthorizationMatrixTest extends AuthorizationMatrix {

    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
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

        ROUTES.put("GET /api/v1/collectivities/{id}/permissions", new Row(onCollectivity(Permission.READ),
                get("/api/v1/collectivities/{collectivity}/permissions")));
        ROUTES.put("GET /api/v1/collectivities/{id}/permissions/{permission}", new Row(onCollectivity(Permission.MANAGE_DIRECTORY),
                get("/api/v1/collectivities/{collectivity}/permissions/manage_directory")));
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
    }

    @Override
    Map<String, Row> routes() {
        return ROUTES;
    }
}
