package fr.cartesagents.ra.notification;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** To the holder's registered address: a one-time link that revokes their card when followed; the link is a secret. */
public record RevocationLink(String holderName, URI link, Instant expiresAt) implements Notification {

    public RevocationLink {
        Objects.requireNonNull(holderName, "holderName");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public MailTemplate template() {
        return MailTemplate.REVOCATION_LINK;
    }

    @Override
    public Map<String, String> model() {
        return Map.of("holderName", holderName, "expiresAt", FrenchDates.moment(expiresAt));
    }

    @Override
    public Map<String, String> secrets() {
        return Map.of("link", link.toString());
    }

    @Override
    public String toString() {
        return "RevocationLink[link hidden]";
    }
}
