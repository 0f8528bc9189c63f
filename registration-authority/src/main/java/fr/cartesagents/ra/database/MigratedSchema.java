package fr.cartesagents.ra.database;

/** Proof, as a bean, that Flyway has brought the schema to {@code version}: what depends on it runs after. */
public record MigratedSchema(String version) {
}
