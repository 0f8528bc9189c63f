package fr.cartesagents.ra.renewal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ra.notification.ExpiryReminder;
import fr.cartesagents.ra.notification.FrenchDates;
import fr.cartesagents.ra.notification.Notifications;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reminders 90 and 30 days before a card's certificates (3 years, renewed on the card) or the card
 * itself (6 years, a new order and hand-over) expire. Cluster-safe without a lock: each reminder is
 * a row whose primary key (card, subject, threshold, expiry) one insert claims; only the instance
 * whose insert returned the row enqueues the e-mail, in the same transaction. A reminder missed while
 * no instance ran is sent late, and only the nearest threshold's (never 90 days when 20 are left).
 *
 * <p>It reads the card table (owned by the card feature) and the certificate table in its one
 * statement rather than through CardQueries: the claim and the choice of rows must be one atomic
 * statement to stay cluster-safe.
 */
@Service
public class ExpiryReminders {

    static final int FIRST_THRESHOLD = 90;
    static final int LAST_THRESHOLD = 30;

    private static final String CERTIFICATES_WHAT = "les certificats de votre carte";
    private static final String CERTIFICATES_TODO = "Renouvelez-les à distance depuis le portail, la carte insérée dans le lecteur :"
            + " de nouvelles clés sont créées sur la même carte, sans nouvelle remise en face à face.";
    private static final String CARD_WHAT = "votre carte (6 ans)";
    private static final String CARD_TODO = "Une carte se renouvelle au bout de 6 ans comme à l'obtention initiale (art. V de la"
            + " convention CARTES) : demandez à votre maire ou à son délégué de commander une nouvelle carte.";

    private final DatabaseClient database;
    private final Notifications notifications;
    private final TransactionalOperator transactions;

    ExpiryReminders(DatabaseClient database, Notifications notifications, TransactionalOperator transactions) {
        this.database = database;
        this.notifications = notifications;
        this.transactions = transactions;
    }

    /** Sends what is due at {@code now}; the number of reminders this instance claimed. */
    public Mono<Long> sendDue(Instant now) {
        return transactions.transactional(claim(now, FIRST_THRESHOLD, LAST_THRESHOLD).concatWith(claim(now, LAST_THRESHOLD, 0))
                .concatMap(claimed -> remind(claimed, now).thenReturn(1L))
                .reduce(0L, Long::sum));
    }

    /** Claims the reminders of threshold {@code days}: expiries in (now + nextDays, now + days]. */
    private Flux<Claimed> claim(Instant now, int days, int nextDays) {
        return database.sql("insert into expiry_reminder (card_id, subject, threshold_days, expires_at, sent_at)"
                        + " select id, subject, :days, expires_at, :now from ("
                        + "   select c.id, 'certificates' as subject, a.not_after as expires_at from card c"
                        + "     join certificate a on a.serial = c.authentication_serial"
                        + "     where c.state in ('delivered', 'active') and a.status = 'good'"
                        + "   union all"
                        + "   select c.id, 'card', c.expires_at from card c where c.state in ('personalized', 'delivered', 'active')"
                        + " ) due where expires_at > :lower and expires_at <= :upper"
                        + " on conflict do nothing returning card_id, subject, expires_at")
                .bind("days", days)
                .bind("now", utc(now))
                .bind("lower", utc(now.plus(Duration.ofDays(nextDays))))
                .bind("upper", utc(now.plus(Duration.ofDays(days))))
                .map(row -> new Claimed(row.get("card_id", UUID.class), row.get("subject", String.class),
                        row.get("expires_at", OffsetDateTime.class).toInstant()))
                .all();
    }

    private Mono<Void> remind(Claimed claimed, Instant now) {
        return database.sql("select person_id, collectivity_id, card_serial from card where id = :id").bind("id", claimed.cardId())
                .map(row -> new CardFacts(row.get("person_id", UUID.class), row.get("collectivity_id", UUID.class),
                        row.get("card_serial", String.class)))
                .one()
                .flatMap(card -> notifications.displayName(card.personId()).flatMap(name -> {
                    LocalDate expiresOn = claimed.expiresAt().atZone(FrenchDates.FRANCE).toLocalDate();
                    int daysLeft = (int) Math.max(0, Duration.between(now, claimed.expiresAt()).toDays());
                    boolean certificates = claimed.subject().equals("certificates");
                    ExpiryReminder reminder = new ExpiryReminder(name, card.cardSerial(), certificates ? CERTIFICATES_WHAT : CARD_WHAT,
                            expiresOn, daysLeft, certificates ? CERTIFICATES_TODO : CARD_TODO);
                    Mono<Void> toHolder = notifications.enqueueToPerson(card.personId(), reminder);
                    // A card's end needs a new order: its mayor and delegates are told as well.
                    return certificates ? toHolder : toHolder.then(notifications.enqueueToCardManagers(card.collectivityId(), reminder));
                }));
    }

    private record Claimed(UUID cardId, String subject, Instant expiresAt) {
    }

    private record CardFacts(UUID personId, UUID collectivityId, String cardSerial) {
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
