package fr.cartesagents.ra.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link RunningServer} whose SMTP server is the test JVM's {@link Mailbox}; all the tests of the
 * card lifecycle extend it, so that they share one application context.
 */
public abstract class MailingServer extends RunningServer {

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", Mailbox::port);
        registry.add("cartes.notification.poll-interval", () -> "PT1S");
        registry.add("cartes.notification.portal-url", () -> "https://portail.test/portail");
    }
}
