package fr.cartesagents.ra.directory;

import java.util.Map;
import java.util.Objects;

/**
 * One condition of the directory search, ANDed with the others: SQL over the aliases {@code p}
 * (person), {@code a} (the agent membership, a {@code role_assignment} row) and {@code c}
 * (collectivity), with named bind markers ({@code :name}) and their values. Bind names must be
 * unique: prefix them with the feature's name (e.g. {@code :habilitationApplication}).
 */
public record SqlCondition(String sql, Map<String, Object> bindings) {

    public SqlCondition {
        Objects.requireNonNull(sql, "sql");
        bindings = Map.copyOf(bindings);
    }
}
