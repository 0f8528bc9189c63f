package fr.cartesagents.ca.cardsecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors computed outside this code base with OpenSSL 3.0 (see {@link KnownAnswers}),
 * so that a change of label, encoding or algorithm cannot pass unnoticed: it would change every
 * PUK already written into cards.
 */
class DerivedCardSecretsTest {

    private final CardSecrets secrets = new DerivedCardSecrets(SoftwareMasterKey.of(KnownAnswers.masterKey()));

    @Test
    void whenTheMasterKeyAndSerialAreKnown_thenThePukIsTheKnownAnswer() {
        assertThat(secrets.puk(KnownAnswers.SERIAL).digits()).isEqualTo(KnownAnswers.PUK);
    }

    @Test
    void whenTheMasterKeyAndSerialAreKnown_thenTheUnblockKeyAndResponseAreTheKnownAnswers() {
        assertThat(secrets.unblockKey(KnownAnswers.SERIAL).value()).isEqualTo(HexFormat.of().parseHex(KnownAnswers.UNBLOCK_KEY));
        assertThat(secrets.unblockResponse(KnownAnswers.SERIAL, KnownAnswers.challenge()))
                .isEqualTo(HexFormat.of().parseHex(KnownAnswers.RESPONSE));
    }

    @Test
    void whenTheSerialIsWrittenInLowerCase_thenTheSecretsAreTheSame() {
        assertThat(secrets.puk(new CardSerial("0123456789abcdef"))).isEqualTo(secrets.puk(KnownAnswers.SERIAL));
    }

    @Test
    void whenCardsDiffer_thenTheirSecretsDiffer() {
        Set<String> puks = new HashSet<>();
        Set<UnblockKey> keys = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            CardSerial serial = new CardSerial(String.format("CARD%04d", i));
            puks.add(secrets.puk(serial).digits());
            keys.add(secrets.unblockKey(serial));
        }
        assertThat(puks).hasSize(200);
        assertThat(keys).hasSize(200);
    }

    @Test
    void whenTheMasterKeyDiffers_thenThePukDiffers() {
        byte[] other = KnownAnswers.masterKey();
        other[0] ^= 1;
        assertThat(new DerivedCardSecrets(SoftwareMasterKey.of(other)).puk(KnownAnswers.SERIAL).digits())
                .isNotEqualTo(KnownAnswers.PUK);
    }

    @Test
    void whenAResponseIsForAnotherChallenge_thenTheCardSideRejectsIt() {
        UnblockKey key = secrets.unblockKey(KnownAnswers.SERIAL);
        byte[] challenge = KnownAnswers.challenge();
        byte[] response = secrets.unblockResponse(KnownAnswers.SERIAL, challenge);
        assertThat(key.accepts(challenge, response)).isTrue();
        challenge[7] ^= 1;
        assertThat(key.accepts(challenge, response)).isFalse();
    }

    @Test
    void whenPrinted_thenNoSecretShows() {
        Puk puk = secrets.puk(KnownAnswers.SERIAL);
        UnblockKey key = secrets.unblockKey(KnownAnswers.SERIAL);
        assertThat(puk.toString()).doesNotContain(KnownAnswers.PUK).isEqualTo("Puk[8 digits]");
        assertThat(key.toString()).doesNotContainIgnoringCase(KnownAnswers.UNBLOCK_KEY.substring(0, 8));
        assertThat(secrets.toString()).isEqualTo("card secrets derived from the software master key");
    }

    @Test
    void whenTheChallengeIsTooShort_thenItIsRefused() {
        assertThatThrownBy(() -> secrets.unblockResponse(KnownAnswers.SERIAL, new byte[4]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenASerialHasForbiddenCharacters_thenItIsRefused() {
        assertThatThrownBy(() -> new CardSerial("12 34")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CardSerial("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenAPukIsNotEightDigits_thenItIsRefused() {
        assertThatThrownBy(() -> new Puk("1234567")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Puk("1234567a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Puk("00000001").matches("00000001".toCharArray())).isTrue();
        assertThat(new Puk("00000001").matches("00000002".toCharArray())).isFalse();
    }
}
