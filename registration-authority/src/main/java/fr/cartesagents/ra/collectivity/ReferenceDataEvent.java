package fr.cartesagents.ra.collectivity;

import fr.cartesagents.ra.audit.AuditAction;
import fr.cartesagents.ra.audit.AuditSubject;

/** What an import of the official reference files records, once per file ({@code reference-data.communes-imported}...). */
@AuditSubject("reference-data")
public enum ReferenceDataEvent implements AuditAction {
    COMMUNES_IMPORTED, EPCIS_IMPORTED
}
