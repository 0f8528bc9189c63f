package fr.cartesagents.ra.order;

/**
 * Annex 1 of the CARTES convention: one card per agent per 6-year period per collectivity free of
 * charge, a defective card replaced free, any other card 30 € before tax.
 */
final class Fees {

    /** 30 € HT, in euro cents. */
    static final int REPLACEMENT_CENTS = 3000;

    /** The length of a quota period, the lifetime of a card. */
    static final java.time.Period QUOTA_PERIOD = java.time.Period.ofYears(6);

    private Fees() {
    }

    /**
     * @param reason              why the card is ordered
     * @param freeCardsInPeriod   the person's free, not cancelled orders in this collectivity over the last 6 years
     *                            (defective replacements left out)
     * @return the fee in euro cents, 0 when free
     */
    static int feeCents(OrderReason reason, long freeCardsInPeriod) {
        if (reason.alwaysFree() || freeCardsInPeriod == 0) {
            return 0;
        }
        return REPLACEMENT_CENTS;
    }
}
