package fr.cartesagents.ra.billing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a collectivity owes for a period (annex 1): the charged lines (a card beyond the quota, a
 * replacement after loss, theft or a forgotten PIN: 30 € HT each; a defective card is replaced
 * free and writes no line), their total, and its reader allotments.
 *
 * @param from first day of the period (Europe/Paris)
 * @param to   last day of the period, included
 */
public record BillingStatement(UUID collectivityId, LocalDate from, LocalDate to, String currency, List<StatementLine> lines,
                               long totalCents, String total, List<ReaderAllotment> readers) {

    public BillingStatement {
        lines = List.copyOf(lines);
        readers = List.copyOf(readers);
    }
}
