package fr.cartesagents.ra.collectivity;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Start-up seeding of the territory (the demo's registration office and commune), implemented by
 * this package's repository: a row is created when it is missing and otherwise left as it is, so a
 * seeding that runs at every start changes nothing the second time, and meets the reference import
 * on the same commune (both go by INSEE code) whichever runs first. It records no audit event: the
 * seeding records its own.
 */
public interface TerritorySeeding {

    /** The registration office with this code, created with this name and department when there is none. */
    Mono<UUID> office(String code, String name, String department);

    /** The commune with this INSEE code, created when there is none; one without a registration office gets {@code office}. */
    Mono<UUID> commune(String inseeCode, String siren, String name, String department, UUID office);
}
