package fr.cartesagents.ra.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a caller may do to a collectivity, and which roles grant it there. A <em>trust</em>
 * permission is withdrawn from the mayor and delegates of a collectivity whose trust roles are
 * suspended (major non-conformity): only its registration office keeps it.
 */
public enum Permission {
    /** See the collectivity, its directory, habilitations, conventions, cards. */
    READ(false, Role.NATIONAL_ADMINISTRATOR, Role.AUDITOR, Role.REGISTRATION_OFFICER, Role.MAYOR, Role.DELEGATE),
    /** Add, edit and mark as departed the agents of the directory; record delegations. */
    MANAGE_DIRECTORY(false, Role.NATIONAL_ADMINISTRATOR, Role.REGISTRATION_OFFICER, Role.MAYOR, Role.DELEGATE),
    /** Appoint and dismiss the delegates (the mayor's own decision). */
    APPOINT_DELEGATES(false, Role.NATIONAL_ADMINISTRATOR, Role.MAYOR),
    /** Grant and withdraw habilitations per application. */
    MANAGE_HABILITATIONS(false, Role.NATIONAL_ADMINISTRATOR, Role.MAYOR, Role.DELEGATE),
    /** Answer the security questionnaire of the collectivity. */
    ANSWER_QUESTIONNAIRE(false, Role.NATIONAL_ADMINISTRATOR, Role.MAYOR, Role.DELEGATE),
    /** Create, sign, suspend, terminate conventions; record audit findings; edit reference data. */
    ADMINISTER(false, Role.NATIONAL_ADMINISTRATOR),
    /** Order cards, declare losses and departures that revoke cards. */
    ORDER_CARDS(true, Role.NATIONAL_ADMINISTRATOR, Role.REGISTRATION_OFFICER, Role.MAYOR, Role.DELEGATE),
    /** Hand cards over face to face after the identity check. */
    HAND_OVER_CARDS(true, Role.NATIONAL_ADMINISTRATOR, Role.REGISTRATION_OFFICER, Role.MAYOR, Role.DELEGATE),
    /** Approve the card orders of the collectivities an office serves (Art. III: orders go through the registration office). */
    APPROVE_CARD_ORDERS(false, Role.NATIONAL_ADMINISTRATOR, Role.REGISTRATION_OFFICER),
    /** Read back the copy of a holder's identity document kept from a hand-over (each read audited). */
    READ_IDENTITY_DOCUMENTS(false, Role.AUDITOR, Role.REGISTRATION_OFFICER),
    /** Read the audit trail of the collectivity (everywhere for national administrators and auditors). */
    READ_AUDIT(false, Role.NATIONAL_ADMINISTRATOR, Role.AUDITOR, Role.MAYOR, Role.DELEGATE);

    private final boolean trust;
    private final Set<Role> roles;

    Permission(boolean trust, Role first, Role... others) {
        this.trust = trust;
        this.roles = EnumSet.of(first, others);
    }

    /** Whether a suspension of the collectivity's trust roles withdraws this permission from its mayor and delegates. */
    public boolean isTrust() {
        return trust;
    }

    public boolean grantedTo(Role role) {
        return roles.contains(role);
    }
}
