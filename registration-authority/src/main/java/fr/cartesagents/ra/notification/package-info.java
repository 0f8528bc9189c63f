/**
 * E-mail notifications in French: typed messages ({@link fr.cartesagents.ra.notification.Notification}),
 * written to an outbox in the transaction of the change they announce
 * ({@link fr.cartesagents.ra.notification.Notifications}) and sent after commit by a cluster-safe
 * sender ({@link fr.cartesagents.ra.notification.OutboxSender}) from Mustache templates under
 * {@code classpath:mail/}.
 */
package fr.cartesagents.ra.notification;
