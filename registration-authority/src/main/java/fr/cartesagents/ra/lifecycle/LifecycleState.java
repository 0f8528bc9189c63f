package fr.cartesagents.ra.lifecycle;

import java.util.Locale;

/**
 * A status enum whose value is stored (and shown in the API) as its lower-case name. Implemented by
 * every status of the server's lifecycles; the moves between the values are a {@link TransitionTable}.
 */
public interface LifecycleState {

    /** Implemented by the enum itself. */
    String name();

    /** The value of the status column ({@code termination_requested}), also the API's. */
    default String databaseName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose database name is {@code value}; {@link IllegalArgumentException} when none is. */
    static <S extends Enum<S> & LifecycleState> S fromDatabaseName(Class<S> type, String value) {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
