package fr.cartesagents.ra.convention;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * How other features read the conventions binding a collectivity (the {@code convention} and
 * {@code convention_party} tables belong to this package): the card orders need an active CARTES
 * (and, for an A05 card, PVE) convention; the reader allotment counts the workstations of the
 * active COMEDEC conventions' annexes. Reads join the caller's transaction when there is one.
 */
public interface ConventionQueries {

    /** The conventions of {@code kind} ({@code cartes}, {@code comedec}, {@code pve}...) active today and binding the collectivity. */
    Mono<ActiveConventions> active(UUID collectivityId, String kind);

    /**
     * @param count        how many are active
     * @param workstations the workstations their annexes list, summed (0 when none lists any)
     */
    record ActiveConventions(long count, long workstations) {

        public boolean any() {
            return count > 0;
        }
    }
}
