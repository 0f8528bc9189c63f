package fr.cartesagents.ra.billing;

import java.time.Instant;
import java.util.UUID;

/** One line of a billing statement: when, what, for which order, how much (euro cents, before tax). */
public record StatementLine(Instant occurredAt, String item, UUID orderId, int amountCents) {

    /** "30.00": euros with two decimals, as an invoice writes them. */
    public String amount() {
        return Euros.format(amountCents);
    }
}
