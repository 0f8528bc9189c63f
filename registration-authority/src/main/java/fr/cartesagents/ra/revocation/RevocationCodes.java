package fr.cartesagents.ra.revocation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTarget;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.card.CardQueries;
import fr.cartesagents.ra.card.CardTransitions;
import fr.cartesagents.ra.holdercode.CodeHasher;
import fr.cartesagents.ra.holdercode.Codes;
import fr.cartesagents.ra.security.Actor;
import reactor.core.publisher.Mono;

/**
 * The personal revocation code of a card (issue 17): drawn at hand-over, shown to the holder once
 * (printed on the receipt they keep), kept only as an Argon2id hash. Issuing again replaces the
 * previous code. The table {@code card_revocation_code} belongs to this class.
 */
@Component
public class RevocationCodes {

    private final DatabaseClient database;
    private final CodeHasher hasher;
    private final CardQueries cards;
    private final AuditTrail audit;
    private final Clock clock;

    RevocationCodes(DatabaseClient database, CodeHasher hasher, CardQueries cards, AuditTrail audit, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.cards = cards;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Draws the card's revocation code and stores its hash, in the caller's transaction (the
     * hand-over's), with a "revocation.code-issued" audit event. The code itself is returned once,
     * to be shown to the holder: never log it, never store it.
     */
    public Mono<String> issue(Actor actor, UUID cardId) {
        String code = Codes.revocationCode();
        return cards.find(cardId)
                .switchIfEmpty(Mono.error(() -> CardTransitions.notFound(cardId)))
                .flatMap(card -> hasher.hash(Codes.normalizeRevocationCode(code))
                        .flatMap(hash -> database.sql("insert into card_revocation_code (card_id, code_hash, issued_at)"
                                        + " values (:card, :hash, :now) on conflict (card_id) do update"
                                        + " set code_hash = excluded.code_hash, issued_at = excluded.issued_at, used_at = null")
                                .bind("card", cardId).bind("hash", hash).bind("now", utc(clock.instant())).then())
                        .then(audit.append(AuditEntry.by(actor, Optional.of(card.collectivityId()), RevocationEvent.CODE_ISSUED,
                                AuditTarget.of("card", cardId), Map.of("cardSerial", card.cardSerial())))))
                .thenReturn(code);
    }

    /** The hash of the card's unused code, if it has one. */
    Mono<String> unusedHash(UUID cardId) {
        return database.sql("select code_hash from card_revocation_code where card_id = :card and used_at is null")
                .bind("card", cardId).map(row -> row.get("code_hash", String.class)).one();
    }

    Mono<Void> markUsed(UUID cardId) {
        return database.sql("update card_revocation_code set used_at = :now where card_id = :card")
                .bind("card", cardId).bind("now", utc(clock.instant())).then();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
