package fr.cartesagents.ra.testsupport;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * One in-process SMTP server (GreenMail) for the test JVM, on a free port of the loopback: the
 * server under test sends its notifications there for real, and tests read what arrived.
 */
public final class Mailbox {

    private static final GreenMail SMTP = start();

    private Mailbox() {
    }

    private static GreenMail start() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop, "greenmail-stop"));
        return smtp;
    }

    public static int port() {
        return SMTP.getSmtp().getPort();
    }

    /** Every message received so far. */
    public static List<MimeMessage> all() {
        return Arrays.asList(SMTP.getReceivedMessages());
    }

    /** Messages received for {@code address} so far. */
    public static List<MimeMessage> to(String address) {
        return all().stream().filter(message -> recipients(message).contains(address.toLowerCase())).toList();
    }

    /** Waits until {@code address} has received {@code count} messages (or fails after {@code timeout}). */
    public static List<MimeMessage> awaitTo(String address, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<MimeMessage> received = to(address);
            if (received.size() >= count) {
                return received;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " message(s) to " + address + " within " + timeout
                        + ", got " + received.size());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The decoded text of a plain-text message. */
    public static String body(MimeMessage message) {
        try {
            Object content = message.getContent();
            return content instanceof String text ? text : GreenMailUtil.getBody(message);
        } catch (MessagingException | java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()).toLowerCase();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
