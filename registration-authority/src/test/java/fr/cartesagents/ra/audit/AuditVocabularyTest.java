package fr.cartesagents.ra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The vocabulary of the audit trail: every action of every enum of the server that implements
 * {@link AuditAction}, as stored. Audit consumers search these names, so a change of shape of the
 * enums must leave every one of them as it is (a renamed or lost action fails); actions added since
 * are allowed, and belong in the list once they are released.
 */
class AuditVocabularyTest {

    @Test
    void everyStoredActionNameIsTheOneTheTrailHasAlwaysHad() {
        List<String> stored = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.cartesagents.ra").stream()
                .filter(type -> type.isEnum() && type.isAssignableTo(AuditAction.class))
                .map(JavaClass::reflect)
                .flatMap(type -> Stream.of((AuditAction[]) type.getEnumConstants()))
                .map(AuditAction::auditName)
                .sorted()
                .toList();

        assertThat(stored).doesNotHaveDuplicates().containsAll(Arrays.asList(EXPECTED.strip().split("\\s+")));
    }

    /** Sorted; the actions of {@code AuditVocabularyTest}'s first run (December 2026). */
    private static final String EXPECTED = ""
            + "billing.line-credited billing.readers-delivered "
            + "card-order.approve card-order.cancel card-order.created card-order.deliver card-order.personalize "
            + "card.activate card.activation-challenged card.certificates-renewed card.deliver card.expire "
            + "card.identity-document-deleted card.identity-document-read card.personalized card.pin-blocked card.pin-unblocked card.revoke "
            + "certificate.issued certificate.reserved certificate.revoked "
            + "collectivity.card-management-changed collectivity.created collectivity.members-replaced "
            + "collectivity.office-assigned collectivity.trust-restored collectivity.trust-suspended collectivity.updated "
            + "compliance.finding-closed compliance.finding-recorded compliance.questionnaire-answered "
            + "convention.activate convention.annex-replaced convention.created convention.reactivate "
            + "convention.reactivated convention.request_termination convention.sign convention.suspend "
            + "convention.suspended convention.terminate convention.terminated "
            + "demo.seeded "
            + "portal-session.ended portal-session.opened "
            + "reference-data.communes-imported reference-data.epcis-imported "
            + "registration-office.created registration-office.updated "
            + "relying-application.disabled relying-application.enabled relying-application.registered "
            + "revocation.code-accepted revocation.code-issued revocation.code-rejected revocation.link-accepted "
            + "revocation.link-rejected revocation.link-requested revocation.rate-limited "
            + "unblock.code-rejected unblock.code-requested unblock.lock-lifted unblock.locked-attempt unblock.locked-out "
            + "unblock.secret-released";
}
