package fr.cartesagents.ra.habilitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.security.Role;
import fr.cartesagents.ra.testsupport.TestDirectory.TestPerson;
import tools.jackson.databind.JsonNode;

/**
 * The habilitation check of relying applications, over mutual TLS on the real database: the answer
 * follows revocations, departures, ended roles and withdrawals at once, and only registered
 * applications (and national administrators) may ask.
 */
class HabilitationCheckTest extends CheckTestBase {

    /** A commune with an agent habilitated for COMEDEC (agent) and ACTES, who has a card certificate. */
    record Habilitated(Commune commune, TestPerson agent, IssuedCertificate certificate) {
    }

    Habilitated habilitatedAgent(String communeName) {
        Commune commune = commune(communeName);
        TestPerson agent = agentOf(commune.id(), "Marc", "Montagné");
        granted(commune.mayorClient(), commune.id(), agent, "comedec", "agent");
        granted(commune.mayorClient(), commune.id(), agent, "actes", "utilisateur");
        clientOf(agent);
        return new Habilitated(commune, agent, certificateOf(agent.holderId()));
    }

    @Test
    void whenARegisteredApplicationAsks_byCertificateOrByIssuerAndSerial_thenYesWithTheCollectivityAndLevel() {
        Habilitated h = habilitatedAgent("Aussillon");
        Relying comedec = relying("COMEDEC", "comedec", "actes");
        String siren = database.sql("select siren from collectivity where id = :id").bind("id", h.commune().id())
                .map(row -> row.get("siren", String.class)).one().block();

        for (JsonNode answer : List.of(checkByPem(comedec.client(), h.certificate(), "comedec"),
                checkByIssuerAndSerial(comedec.client(), h.certificate(), "comedec"))) {
            assertThat(answer.get("habilitated").asBoolean()).isTrue();
            assertThat(answer.get("holderId").asString()).isEqualTo(h.agent().holderId());
            assertThat(answer.get("certificateSerial").asString()).isEqualTo(h.certificate().serial());
            assertThat(answer.get("collectivities").size()).isEqualTo(1);
            JsonNode right = answer.get("collectivities").get(0);
            assertThat(right.get("id").asString()).isEqualTo(h.commune().id().toString());
            assertThat(right.get("siren").asString()).isEqualTo(siren);
            assertThat(right.get("level").asString()).isEqualTo("agent");
        }
        assertThat(checkByPem(comedec.client(), h.certificate(), "actes").get("habilitated").asBoolean()).isTrue();
        assertThat(checkByPem(administratorClient(), h.certificate(), "saip").get("reason").asString()).isEqualTo("not_habilitated");
    }

    @Test
    void whenTheAgentDeparts_thenTheDepartureWithdrawsEverything_andTheCheckSaysNoAtOnce() {
        Habilitated h = habilitatedAgent("Mazamet");
        Relying comedec = relying("COMEDEC", "comedec", "actes");
        assertThat(checkByPem(comedec.client(), h.certificate(), "comedec").get("habilitated").asBoolean()).isTrue();

        // the directory records the departure, and runs every DepartureStep in its transaction
        HttpResponse<byte[]> departure = send(h.commune().mayorClient(), java.net.http.HttpRequest.newBuilder(
                        api("/api/v1/collectivities/" + h.commune().id() + "/people/" + h.agent().id() + "/departure"))
                .header("If-Match", "\"0\"").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(departure.statusCode()).as(text(departure)).isEqualTo(200);

        JsonNode answer = checkByPem(comedec.client(), h.certificate(), "comedec");
        assertThat(answer.get("habilitated").asBoolean()).isFalse();
        assertThat(answer.get("reason").asString()).isEqualTo("holder_departed");
        assertThat(answer.get("collectivities").size()).isZero();
        List<String> reasons = database.sql("select status || ':' || withdrawal_reason as r from habilitation where person_id = :p")
                .bind("p", h.agent().id()).map(row -> row.get("r", String.class)).all().collectList().block();
        assertThat(reasons).containsExactlyInAnyOrder("withdrawn:departure", "withdrawn:departure");
        assertThat(database.sql("select count(*) as n from audit_event where action = 'habilitation.withdrawn'"
                        + " and details->>'person' = :p and details->>'reason' = 'departure'").bind("p", h.agent().id().toString())
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(2L);
    }

    @Test
    void whenTheRoleEnds_orTheHabilitationIsWithdrawn_thenTheCheckSaysNoAtOnce() {
        Habilitated h = habilitatedAgent("Castres");
        Relying comedec = relying("COMEDEC", "comedec", "actes");

        database.sql("update role_assignment set ends_on = current_date - 1, starts_on = current_date - 2"
                + " where person_id = :p").bind("p", h.agent().id()).then().block();
        JsonNode ended = checkByPem(comedec.client(), h.certificate(), "comedec");
        assertThat(ended.get("habilitated").asBoolean()).isFalse();
        assertThat(ended.get("reason").asString()).isEqualTo("not_habilitated");
    }

    @Test
    void whenComedecIsWithdrawn_thenActesIsNoToo() {
        Habilitated h = habilitatedAgent("Albi");
        Relying actes = relying("ACTES", "actes");
        JsonNode comedec = JSON.readTree(get(h.commune().mayorClient(), api("/api/v1/collectivities/" + h.commune().id()
                + "/habilitations?application=comedec")).body()).get(0);

        assertThat(withdraw(h.commune().mayorClient(), h.commune().id(), comedec.get("id").asString(), "\"0\"").statusCode())
                .isEqualTo(200);

        assertThat(checkByPem(actes.client(), h.certificate(), "actes").get("habilitated").asBoolean()).isFalse();
    }

    @Test
    void whenTheCertificateIsRevoked_thenTheCheckSaysNoAtOnce() {
        Habilitated h = habilitatedAgent("Lille");
        Relying comedec = relying("COMEDEC", "comedec");

        HttpResponse<byte[]> revoked = postJson(administratorClient(),
                api("/api/v1/admin/certificates/" + h.certificate().serial() + "/revocation"), "{\"reason\": \"keyCompromise\"}", newKey());
        assertThat(revoked.statusCode()).as(text(revoked)).isEqualTo(200);

        for (JsonNode answer : List.of(checkByPem(comedec.client(), h.certificate(), "comedec"),
                checkByIssuerAndSerial(comedec.client(), h.certificate(), "comedec"))) {
            assertThat(answer.get("habilitated").asBoolean()).isFalse();
            assertThat(answer.get("reason").asString()).isEqualTo("certificate_revoked");
        }
    }

    @Test
    void whenTheOfficerDelegationLapses_thenTheCheckAnswersAgentLevel() {
        Commune commune = commune("Armentières");
        TestPerson officer = agentOf(commune.id(), "Céline", "Leroux");
        delegate(officer, commune.id(), "officier_etat_civil");
        granted(commune.mayorClient(), commune.id(), officer, "comedec", "officier");
        clientOf(officer);
        IssuedCertificate certificate = certificateOf(officer.holderId());
        Relying comedec = relying("COMEDEC", "comedec");
        assertThat(checkByPem(comedec.client(), certificate, "comedec").get("collectivities").get(0).get("level").asString())
                .isEqualTo("officier");

        database.sql("update delegation set starts_on = current_date - 10, ends_on = current_date - 1 where person_id = :p")
                .bind("p", officer.id()).then().block();

        assertThat(checkByPem(comedec.client(), certificate, "comedec").get("collectivities").get(0).get("level").asString())
                .isEqualTo("agent");
    }

    @Test
    void whenTheCertificateIsNotOurs_orItsHolderIsNoPerson_thenNo() {
        Relying comedec = relying("COMEDEC", "comedec");
        IssuedCertificate own = certificateOf(database.sql("select holder_id from certificate where holder_id like 'APP%' limit 1")
                .map(row -> row.get("holder_id", String.class)).one().block());

        JsonNode unknown = JSON.readTree(check(comedec.client(), "{\"issuer\": \"CN=Autre AC,O=Ailleurs,C=FR\", \"serial\": \"0a1b2c\","
                + " \"application\": \"comedec\"}").body());
        assertThat(unknown.get("habilitated").asBoolean()).isFalse();
        assertThat(unknown.get("reason").asString()).isEqualTo("certificate_unknown");
        assertThat(JSON.readTree(check(comedec.client(), issuerSerialJson(new IssuedCertificate("7fffffffffffffff", own.der(),
                own.fingerprint()), "comedec")).body()).get("reason").asString()).isEqualTo("certificate_unknown");
        assertThat(checkByPem(comedec.client(), own, "comedec").get("reason").asString()).isEqualTo("holder_unknown");
    }

    @Test
    void whenTheCallerIsNotARegisteredEnabledApplication_thenForbidden403() {
        Habilitated h = habilitatedAgent("Roubaix");
        String json = issuerSerialJson(h.certificate(), "comedec");
        HttpClient agentItself = clientOf(h.agent());
        Relying saipOnly = relying("SAIP", "saip");
        Relying disabled = relying("Disabled", "comedec");
        HttpResponse<byte[]> disabling = send(administratorClient(), java.net.http.HttpRequest.newBuilder(
                        api(RelyingApplicationController.BASE + "/" + disabled.id() + "/disable"))
                .header("If-Match", "\"0\"").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(disabling.statusCode()).as(text(disabling)).isEqualTo(200);

        problem(check(agentItself, json), 403, "forbidden");
        problem(check(h.commune().mayorClient(), json), 403, "forbidden");
        problem(check(disabled.client(), json), 403, "forbidden");
        assertThat(problem(check(saipOnly.client(), json), 403, "forbidden").get("detail").asString()).contains("COMEDEC");
        problem(postJson(agentItself, api("/api/v1/habilitation-statements"), json, null), 403, "forbidden");
        problem(check(agentItself, "{not json"), 403, "forbidden");
        problem(check(anonymousClient(), json), 401, "unauthenticated");
    }

    @Test
    void whenTheInputIsBad_thenValidationFailed400() {
        Relying comedec = relying("COMEDEC", "comedec");
        IssuedCertificate any = certificateOf(database.sql("select holder_id from certificate where holder_id like 'APP%' limit 1")
                .map(row -> row.get("holder_id", String.class)).one().block());
        List<Long> before = traces();

        problem(check(comedec.client(), "{\"application\": \"comedec\"}"), 400, "validation-failed");
        problem(check(comedec.client(), "{\"certificate\": \"%s\", \"issuer\": \"CN=x\", \"serial\": \"01\", \"application\": \"comedec\"}"
                .formatted(any.pem().replace("\n", "\\n"))), 400, "validation-failed");
        problem(check(comedec.client(), "{\"issuer\": \"CN=x\", \"application\": \"comedec\"}"), 400, "validation-failed");
        problem(check(comedec.client(), "{\"certificate\": \"-----BEGIN CERTIFICATE-----\\nAAAA\\n-----END CERTIFICATE-----\","
                + " \"application\": \"comedec\"}"), 400, "validation-failed");
        problem(check(comedec.client(), "{\"issuer\": \"not a DN\", \"serial\": \"01\", \"application\": \"comedec\"}"), 400,
                "validation-failed");
        problem(check(comedec.client(), "{\"issuer\": \"CN=x\", \"serial\": \"xyz\", \"application\": \"comedec\"}"), 400,
                "validation-failed");
        problem(check(comedec.client(), "{\"issuer\": \"CN=x\", \"serial\": \"-5\", \"application\": \"comedec\"}"), 400,
                "validation-failed");
        problem(check(comedec.client(), issuerSerialJson(any, "facebook")), 400, "validation-failed");
        problem(check(comedec.client(), "{\"issuer\": \"CN=x\", \"serial\": \"01\"}"), 400, "validation-failed");
        problem(check(comedec.client(), ""), 400, "bad-request");
        assertThat(check(comedec.client(), "{not json").statusCode()).isEqualTo(400);
        assertThat(check(comedec.client(), "[1, 2]").statusCode()).isEqualTo(400);
        assertThat(traces()).isEqualTo(before);
    }

    @Test
    void whenAPoliceOfficerOfASharedPoliceIsChecked_thenTheGroupingAndItsCommunesAndProfileA05AreAnswered() {
        UUID office = directory().office("Préfecture du Nord");
        UUID armentieres = directory().commune("Armentières", office);
        UUID chapelle = directory().commune("La Chapelle-d'Armentières", office);
        UUID police = UUID.randomUUID();
        database.sql("insert into collectivity (id, kind, name, department, registration_office_id)"
                + " values (:id, 'municipal_police_grouping', 'Police municipale mutualisée', '59', :office)")
                .bind("id", police).bind("office", office).then().block();
        for (UUID member : List.of(armentieres, chapelle)) {
            database.sql("insert into collectivity_member (grouping_id, member_id) values (:g, :m)").bind("g", police)
                    .bind("m", member).then().block();
        }
        TestPerson chief = directory().person("Bernard", "Haesbroeck");
        directory().assign(chief, Role.DELEGATE, police);
        TestPerson officer = agentOf(police, "Grégory", "Pickeu");
        delegate(officer, police, "police_municipale");
        granted(clientOf(chief), police, officer, "pve", "verbalisateur");
        clientOf(officer);
        Relying antai = relying("ANTAI PVe", "pve");

        JsonNode answer = checkByPem(antai.client(), certificateOf(officer.holderId()), "pve");

        assertThat(answer.get("habilitated").asBoolean()).isTrue();
        JsonNode right = answer.get("collectivities").get(0);
        assertThat(right.get("kind").asString()).isEqualTo("municipal_police_grouping");
        assertThat(right.get("requiredCardProfile").asString()).isEqualTo("A05");
        assertThat(right.get("memberInseeCodes").size()).isEqualTo(2);
    }
}
