package fr.cartesagents.ra.notification;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cartes.notification.*}. The SMTP server itself is Spring Boot's {@code spring.mail.*}
 * (host, port, username, password, properties such as {@code mail.smtp.starttls.required}; the SMTP
 * timeouts are set in {@code application.yml}); without
 * {@code spring.mail.host} messages wait in the outbox.
 *
 * @param from          the sender address
 * @param portalUrl     the card portal as holders reach it, for links in messages
 * @param pollInterval  how often each instance looks for messages to send (they are also sent right after commit)
 * @param maxAttempts   attempts before a message is given up (its secrets are then wiped)
 * @param claimLease    how long a claimed message is reserved to the instance sending it
 */
@ConfigurationProperties("cartes.notification")
public record NotificationProperties(@DefaultValue("Cartes Agents <ne-pas-repondre@cartes-agents.localhost>") String from,
                                     @DefaultValue("https://localhost:8443/portail") URI portalUrl,
                                     @DefaultValue("PT10S") Duration pollInterval,
                                     @DefaultValue("8") int maxAttempts,
                                     @DefaultValue("PT2M") Duration claimLease) {
}
