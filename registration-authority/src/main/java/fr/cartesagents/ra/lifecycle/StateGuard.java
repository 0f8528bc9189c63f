package fr.cartesagents.ra.lifecycle;

import java.util.Objects;

import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * The SQL side of one transition, bound from its {@link TransitionTable} instead of repeating the
 * table in string literals: the statement writes {@code set <column> = :<prefix>To} and filters
 * with {@code <column> = any(:<prefix>From)}, so the database moves a row only from a state the
 * table allows, even when another request moved it in between.
 *
 * <pre>{@code
 * StateGuard guard = LIFECYCLE.guard(WITHDRAW);
 * database.sql("update habilitation set status = :statusTo ... where id = :id and " + guard.where("status"))
 *         .bind(...); guard.bind(spec);
 * }</pre>
 *
 * @param to         the state the transition leads to (database name)
 * @param from       the states it may start from (database names, sorted)
 * @param parameter  the prefix of the two bind parameters ({@code status} gives {@code :statusFrom}, {@code :statusTo})
 */
public record StateGuard(String to, String[] from, String parameter) {

    public StateGuard {
        Objects.requireNonNull(to, "to");
        from = from.clone();
        Objects.requireNonNull(parameter, "parameter");
    }

    /** {@code <qualifiedColumn> = any(:<parameter>From)}: the row is in a state the move starts from. */
    public String where(String qualifiedColumn) {
        return qualifiedColumn + " = any(:" + parameter + "From)";
    }

    /** {@code <column> = :<parameter>To}: the assignment of the new state. */
    public String set(String column) {
        return column + " = :" + parameter + "To";
    }

    /** Binds the parameters that {@link #where(String)} and {@link #set(String)} name (both, even if one is unused). */
    public GenericExecuteSpec bind(GenericExecuteSpec statement) {
        return statement.bind(parameter + "From", from.clone()).bind(parameter + "To", to);
    }

    /** Binds only the source states ({@link #where(String)}), for a statement that filters without moving. */
    public GenericExecuteSpec bindFrom(GenericExecuteSpec statement) {
        return statement.bind(parameter + "From", from.clone());
    }

    /** Binds only the target state ({@link #set(String)}). */
    public GenericExecuteSpec bindTo(GenericExecuteSpec statement) {
        return statement.bind(parameter + "To", to);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StateGuard guard && to.equals(guard.to) && java.util.Arrays.equals(from, guard.from)
                && parameter.equals(guard.parameter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(to, java.util.Arrays.hashCode(from), parameter);
    }

    @Override
    public String toString() {
        return parameter + ": " + java.util.Arrays.toString(from) + " -> " + to;
    }
}
