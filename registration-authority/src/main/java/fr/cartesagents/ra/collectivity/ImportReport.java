package fr.cartesagents.ra.collectivity;

import java.util.List;

/**
 * What an import did: entries read, skipped (not current communes), rejected (failing the INSEE,
 * SIREN or name checks; the first codes listed), inserted, updated (a value changed) and
 * unchanged, plus member links to communes not in the database (EPCI import).
 */
public record ImportReport(long read, long skipped, long rejected, List<String> firstRejected, long inserted, long updated,
                           long unchanged, long unknownMembers, long milliseconds) {

    public ImportReport {
        firstRejected = List.copyOf(firstRejected);
    }
}
