package fr.cartesagents.ra.notification;

import java.util.Map;

/**
 * One e-mail of a known kind, before it is addressed: the template that renders it, the values
 * it shows, and the values that are secret (a code, a one-time link), which the outbox forgets as
 * soon as the message is sent. Each kind is a record of this package, so that a caller cannot
 * forget a value its template needs.
 */
public sealed interface Notification permits OrderCreated, CardReadyForHandOver, UnblockCode, RevocationConfirmed,
        RevocationDeclared, RevocationLink, ExpiryReminder {

    MailTemplate template();

    /** The template's values that may stay in the database (names, dates, card serials). */
    Map<String, String> model();

    /** The template's values that must not outlive the sending; empty for most kinds. */
    default Map<String, String> secrets() {
        return Map.of();
    }
}
