package fr.cartesagents.ra.certificate;

import fr.cartesagents.ra.lifecycle.LifecycleAction;
import fr.cartesagents.ra.lifecycle.LifecycleState;
import fr.cartesagents.ra.lifecycle.TransitionTable;

/**
 * The status column of a certificate: {@code pending} while its serial is reserved and the CA key
 * has not signed yet (or the signature was lost), {@code good} once signed and stored, {@code revoked}
 * for good (from either: a reserved serial may have been signed before a crash).
 */
public enum CertificateStatusName implements LifecycleState {
    PENDING, GOOD, REVOKED;

    /** The moves of a certificate's status. */
    public enum Action implements LifecycleAction {
        /** The signed certificate of a reserved serial is stored. */
        STORE_SIGNED,
        REVOKE
    }

    public static final TransitionTable<CertificateStatusName, Action> LIFECYCLE =
            TransitionTable.of(CertificateStatusName.class, Action.class, "certificate.illegal-transition")
                    .allow(Action.STORE_SIGNED, PENDING).to(GOOD)
                    .allow(Action.REVOKE, PENDING, GOOD).to(REVOKED)
                    .build();

    public String column() {
        return databaseName();
    }

    public static CertificateStatusName ofColumn(String value) {
        return LifecycleState.fromDatabaseName(CertificateStatusName.class, value);
    }
}
