package fr.cartesagents.ra.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code database}: the availability probe's last finding (no query per health
 * check, so a frozen database cannot hang the readiness probe), with the durability settings read at
 * start-up. Part of the readiness group: an instance whose database is unreachable is taken out of the
 * load balancer for the API.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseAvailability availability;
    private final DatabaseDurability durability;

    DatabaseHealthIndicator(DatabaseAvailability availability, DatabaseDurability durability) {
        this.availability = availability;
        this.durability = durability;
    }

    @Override
    public Health health() {
        Health.Builder health = availability.outage()
                .map(outage -> Health.down().withDetail("since", outage.since().toString()).withDetail("cause", outage.cause()))
                .orElseGet(Health::up);
        return health.withDetail("durable", durability.durable()).withDetails(durability.settings()).build();
    }
}
