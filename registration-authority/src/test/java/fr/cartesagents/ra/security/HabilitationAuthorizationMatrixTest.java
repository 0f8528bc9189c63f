package fr.cartesagents.ra.security;

import java.util.LinkedHashMap;
import java.util.Map;

/** The authorization matrix of habilitations, habilitation requests, relying applications, habilitation checks and statements. */
class HabilitationAuthorizationMatrixTest extends AuthorizationMatrix {

    static final Map<String, Row> ROUTES = new LinkedHashMap<>();

    static {
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
        ROUTES.put("POST /api/v1/habilitation-statements", new Row(RELYING_APPLICATIONS_AND_NATIONAL_ADMINISTRATORS,
                postJson("/api/v1/habilitation-statements", EMPTY)));
    }

    @Override
    Map<String, Row> routes() {
        return ROUTES;
    }
}
