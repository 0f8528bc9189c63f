package fr.cartesagents.ra.notification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends what the outbox holds: right after a transaction that added messages commits
 * ({@link #wakeUp()}), and every {@code cartes.notification.poll-interval} for what another
 * instance added or what failed before. Each instance claims its own rows (see {@link Outbox#claimDue}),
 * so a message is sent by one instance; a crash between the SMTP answer and the "sent" mark can
 * send it twice (at least once, as with any outbox), never zero times. Failed sendings are retried
 * with an exponential back-off, then given up after {@code max-attempts}.
 */
@Component
public class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final Outbox outbox;
    private final MailRenderer renderer;
    private final Optional<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    OutboxSender(Outbox outbox, MailRenderer renderer, ObjectProvider<JavaMailSender> mailSender,
                 NotificationProperties properties, Clock clock) {
        this.outbox = outbox;
        this.renderer = renderer;
        this.mailSender = Optional.ofNullable(mailSender.getIfAvailable());
        this.properties = properties;
        this.clock = clock;
        if (this.mailSender.isEmpty()) {
            LOG.warn("No SMTP server configured (spring.mail.host): notifications wait in the outbox");
        }
    }

    /** Sends what is due now, off the caller's thread; a call while a round runs asks for one more round. */
    public void wakeUp() {
        if (mailSender.isEmpty()) {
            return;
        }
        again.set(true);
        if (running.compareAndSet(false, true)) {
            Mono.fromRunnable(this::roundsUntilQuiet).subscribeOn(Schedulers.boundedElastic()).subscribe();
        }
    }

    @Scheduled(initialDelayString = "${cartes.notification.poll-interval:PT10S}",
            fixedDelayString = "${cartes.notification.poll-interval:PT10S}")
    void poll() {
        wakeUp();
    }

    private void roundsUntilQuiet() {
        try {
            while (again.getAndSet(false)) {
                while (sendDue() == BATCH) {
                    // a full batch: there may be more
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not read the notification outbox: {}", e.getMessage());
        } finally {
            running.set(false);
        }
        if (again.get()) {
            wakeUp();
        }
    }

    /** One batch: claims the due messages and sends them one by one; the number claimed. */
    int sendDue() {
        Instant now = clock.instant();
        var claimed = outbox.claimDue(now, properties.claimLease(), BATCH).collectList().block(Duration.ofSeconds(30));
        if (claimed == null) {
            return 0;
        }
        for (OutboxMessage message : claimed) {
            send(message);
        }
        return claimed.size();
    }

    private void send(OutboxMessage message) {
        try {
            MailRenderer.RenderedMail mail = renderer.render(message.template(), message.model(), message.secrets());
            JavaMailSender sender = mailSender.orElseThrow();
            MimeMessage mime = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(message.recipient());
            helper.setSubject(mail.subject());
            helper.setText(mail.body(), false);
            mime.setHeader("Content-Language", "fr");
            mime.setHeader("Auto-Submitted", "auto-generated");
            sender.send(mime);
            outbox.markSent(message.id(), clock.instant()).block(Duration.ofSeconds(30));
        } catch (MessagingException | RuntimeException e) {
            // Never the message text: it may hold a code. The exception's message is the SMTP server's answer.
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            boolean giveUp = message.attempts() >= properties.maxAttempts();
            Instant now = clock.instant();
            LOG.warn("Sending {} failed{}: {}", message, giveUp ? " for the last time" : "", error);
            outbox.markFailed(message.id(), error, now, now.plus(backoff(message.attempts())), giveUp)
                    .block(Duration.ofSeconds(30));
        }
    }

    /** 30 s, 1 min, 2 min... capped at one hour. */
    static Duration backoff(int attempts) {
        Duration delay = FIRST_RETRY.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay;
    }
}
