package fr.cartesagents.ra.delivery;

import java.time.Instant;

/** A version of the terms of use (CGU, Art. IV of the CARTES convention) that a holder accepts at the hand-over. */
public record TermsOfUse(String version, Instant publishedAt, String text) {
}
