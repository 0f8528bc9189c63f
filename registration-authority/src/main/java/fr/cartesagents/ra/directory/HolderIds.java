package fr.cartesagents.ra.directory;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Draws holder ids, the {@code serialNumber} attribute of a person's certificates:
 * {@code AGT} followed by 16 characters of Crockford's base32 (80 random bits), e.g.
 * {@code AGT7K3M9QX2HD4TB0VE}. Opaque (nothing personal in it), PrintableString-safe, easy to
 * read out on the phone (no I, L, O, U), and never reused: the column is unique and people are
 * never deleted.
 */
@Component
class HolderIds {

    private static final String PREFIX = "AGT";
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int LENGTH = 16;

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder id = new StringBuilder(PREFIX.length() + LENGTH).append(PREFIX);
        for (int i = 0; i < LENGTH; i++) {
            id.append(CROCKFORD[random.nextInt(CROCKFORD.length)]);
        }
        return id.toString();
    }
}
