package fr.cartesagents.ra.lifecycle;

import java.util.Locale;

/** A named move of a lifecycle ({@code sign}, {@code withdraw}): what a caller asks, and what 409 answers name. */
public interface LifecycleAction {

    /** Implemented by the enum itself. */
    String name();

    /** The action as the API spells it ({@code request_termination}). */
    default String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
