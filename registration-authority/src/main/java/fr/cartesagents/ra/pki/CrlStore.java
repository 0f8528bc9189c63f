package fr.cartesagents.ra.pki;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import fr.cartesagents.ca.crl.GeneratedCrl;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/** The {@code crl} table: every CRL published, the latest full and delta of each CA served. */
@Repository
class CrlStore {

    private final DatabaseClient database;

    CrlStore(DatabaseClient database) {
        this.database = database;
    }

    Mono<PublishedCrl> latest(String caId, boolean delta) {
        return database.sql("select ca_id, number, delta, this_update, next_update, der from crl"
                        + " where ca_id = :caId and delta = :delta order by number desc limit 1")
                .bind("caId", caId)
                .bind("delta", delta)
                .map(CrlStore::published)
                .one();
    }

    Mono<java.math.BigInteger> nextNumber() {
        return database.sql("select nextval('crl_number_seq') as number").map(row -> row.get("number", Long.class))
                .one().map(java.math.BigInteger::valueOf);
    }

    /**
     * Moves the CRL number sequence above {@code floor} (the last number a key ceremony used), never
     * back: numbers only grow (RFC 5280 section 5.2.3). True when the sequence was moved.
     */
    Mono<Boolean> raiseNumberFloor(java.math.BigInteger floor) {
        if (floor.signum() <= 0) {
            return Mono.just(false);
        }
        return database.sql("select setval('crl_number_seq', :floor, true) as number from crl_number_seq"
                        + " where (case when is_called then last_value else last_value - 1 end) < :floor")
                .bind("floor", floor.longValueExact())
                .map(row -> row.get("number", Long.class))
                .all()
                .hasElements();
    }

    Mono<Void> store(String caId, GeneratedCrl crl, java.util.Optional<java.math.BigInteger> baseNumber) {
        DatabaseClient.GenericExecuteSpec insert = database.sql("insert into crl (ca_id, number, delta, base_number, this_update,"
                        + " next_update, der) values (:caId, :number, :delta, :base, :thisUpdate, :nextUpdate, :der)")
                .bind("caId", caId)
                .bind("number", new BigDecimal(crl.number()))
                .bind("delta", crl.delta())
                .bind("thisUpdate", OffsetDateTime.ofInstant(crl.thisUpdate(), ZoneOffset.UTC))
                .bind("nextUpdate", OffsetDateTime.ofInstant(crl.nextUpdate(), ZoneOffset.UTC))
                .bind("der", crl.der());
        insert = baseNumber.isPresent() ? insert.bind("base", new BigDecimal(baseNumber.get())) : insert.bindNull("base", BigDecimal.class);
        return insert.then();
    }

    private static PublishedCrl published(Readable row) {
        return new PublishedCrl(row.get("ca_id", String.class), row.get("number", BigDecimal.class).toBigIntegerExact(),
                Boolean.TRUE.equals(row.get("delta", Boolean.class)),
                row.get("this_update", OffsetDateTime.class).toInstant(),
                row.get("next_update", OffsetDateTime.class).toInstant(),
                row.get("der", byte[].class));
    }
}
