package fr.cartesagents.ca.cardsecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.util.HexFormat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;

import fr.cartesagents.ca.testutil.SoftHsmFixture;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Modules;
import fr.cartesagents.ca.token.Pkcs11Settings;

/** The master key inside SoftHSM2: same answers as the software key, and never readable. */
class Pkcs11MasterKeyTest {

    private static SoftHsmFixture softHsm;

    @BeforeAll
    static void softHsm() {
        softHsm = SoftHsmFixture.get();
    }

    @Test
    void whenTheKnownMasterKeyIsInTheToken_thenTheSecretsAreTheKnownAnswers() {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("master-kat")) {
            token.importHmacKey("card-master", KnownAnswers.masterKey());
            CardSecrets secrets = new DerivedCardSecrets(Pkcs11MasterKey.existing(token, "card-master"));

            assertThat(secrets.puk(KnownAnswers.SERIAL).digits()).isEqualTo(KnownAnswers.PUK);
            assertThat(secrets.unblockKey(KnownAnswers.SERIAL).value()).isEqualTo(HexFormat.of().parseHex(KnownAnswers.UNBLOCK_KEY));
            assertThat(secrets.unblockResponse(KnownAnswers.SERIAL, KnownAnswers.challenge()))
                    .isEqualTo(HexFormat.of().parseHex(KnownAnswers.RESPONSE));
        }
    }

    @Test
    void whenTheMasterKeyIsGeneratedInTheToken_thenItIsSensitiveAndNeverExtractable() throws Exception {
        Pkcs11Settings settings = softHsm.newToken("master-gen");
        try (Pkcs11CryptoToken token = Pkcs11CryptoToken.open(settings)) {
            CardSecrets secrets = new DerivedCardSecrets(Pkcs11MasterKey.generate(token, "card-master"));
            Puk puk = secrets.puk(KnownAnswers.SERIAL);
            assertThat(secrets.puk(KnownAnswers.SERIAL)).isEqualTo(puk);
            assertThat(secrets.unblockKey(KnownAnswers.SERIAL).accepts(KnownAnswers.challenge(),
                    secrets.unblockResponse(KnownAnswers.SERIAL, KnownAnswers.challenge()))).isTrue();
        }
        PKCS11Module module = Pkcs11Modules.load(settings.modulePath());
        Token token = tokenLabelled(module, settings.tokenLabel());
        Session session = token.openSession(false);
        try {
            session.login(CKU_USER, settings.userPin());
            long[] keys = session.findObjectsSingle(new AttributeVector().class_(CKO_SECRET_KEY).label("card-master"), 2);
            assertThat(keys).hasSize(1);
            AttributeVector attributes = session.getAttrValues(keys[0], CKA_SENSITIVE, CKA_EXTRACTABLE);
            assertThat(attributes.sensitive()).isTrue();
            assertThat(attributes.extractable()).isFalse();
            // The wrapper turns CKR_ATTRIBUTE_SENSITIVE into an absent value.
            assertThat(session.getAttrValues(keys[0], CKA_VALUE).value())
                    .as("the token must refuse to reveal the master key")
                    .isNull();
        } finally {
            session.closeSession();
        }
    }

    @Test
    void whenTheTokenHasNoSuchKey_thenOpeningTheMasterKeyFails() {
        try (Pkcs11CryptoToken token = softHsm.openNewToken("master-none")) {
            assertThatThrownBy(() -> Pkcs11MasterKey.existing(token, "card-master"))
                    .isInstanceOf(CryptoTokenException.class)
                    .hasMessageContaining("No master key 'card-master'");
        }
    }

    private static Token tokenLabelled(PKCS11Module module, String label) throws PKCS11Exception {
        for (Slot slot : module.getSlotList(true)) {
            if (slot.getToken().getTokenInfo().getLabel().trim().equals(label)) {
                return slot.getToken();
            }
        }
        throw new AssertionError("no token " + label);
    }
}
