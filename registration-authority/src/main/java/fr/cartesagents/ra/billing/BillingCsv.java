package fr.cartesagents.ra.billing;

/**
 * A statement as CSV for a spreadsheet in France: semicolon-separated, decimal point kept (amounts
 * are also given in cents), one line per charged item, then the total.
 */
final class BillingCsv {

    private BillingCsv() {
    }

    static String of(BillingStatement statement) {
        StringBuilder csv = new StringBuilder("date;article;commande;montant_ht_centimes;montant_ht_eur\r\n");
        for (StatementLine line : statement.lines()) {
            csv.append(line.occurredAt().atZone(java.time.ZoneId.of("Europe/Paris")).toLocalDate()).append(';')
                    .append(field(line.item())).append(';')
                    .append(line.orderId() == null ? "" : line.orderId()).append(';')
                    .append(line.amountCents()).append(';')
                    .append(line.amount()).append("\r\n");
        }
        csv.append("total;;;").append(statement.totalCents()).append(';').append(statement.total()).append("\r\n");
        return csv.toString();
    }

    /** Quotes a field that holds a separator, a quote or a line break (RFC 4180). */
    private static String field(String value) {
        return value.contains(";") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
