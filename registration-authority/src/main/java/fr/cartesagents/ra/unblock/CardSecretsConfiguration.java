package fr.cartesagents.ra.unblock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.cartesagents.ca.cardsecret.CardSecrets;
import fr.cartesagents.ca.cardsecret.DerivedCardSecrets;
import fr.cartesagents.ca.cardsecret.MasterKey;
import fr.cartesagents.ca.cardsecret.Pkcs11MasterKey;
import fr.cartesagents.ca.cardsecret.SoftwareMasterKey;
import fr.cartesagents.ca.token.Pkcs11CryptoToken;
import fr.cartesagents.ca.token.Pkcs11Settings;
import fr.cartesagents.ra.config.CartesDataDirectory;

/**
 * The master key of the card secrets ({@code cartes.card-secrets.*}), opened once at start-up: a
 * missing key or token stops the start. One {@link CardSecrets} bean serves both ends of a card's
 * unblock secret: the personalization hands the PUK to the bridge that writes it into the card
 * (order feature), the unblock releases that same PUK later ({@link CardUnblockSecrets}).
 */
@Configuration(proxyBeanMethods = false)
class CardSecretsConfiguration {

    @Bean
    CardSecrets cardSecrets(CardSecretsProperties properties, CartesDataDirectory dataDirectory) {
        return new DerivedCardSecrets(masterKey(properties, dataDirectory));
    }

    @Bean
    CardUnblockSecrets cardUnblockSecrets(CardSecrets cardSecrets) {
        return new CardUnblockSecrets(cardSecrets);
    }

    static MasterKey masterKey(CardSecretsProperties properties, CartesDataDirectory dataDirectory) {
        return switch (properties.type()) {
            case "pkcs11" -> {
                if (properties.module() == null || properties.tokenLabel() == null || properties.pin() == null) {
                    throw new IllegalStateException("cartes.card-secrets.type=pkcs11 needs module, token-label and pin");
                }
                Pkcs11CryptoToken token = Pkcs11CryptoToken.open(new Pkcs11Settings(properties.module(), properties.tokenLabel(),
                        properties.pin().toCharArray()));
                yield Pkcs11MasterKey.existing(token, properties.keyAlias());
            }
            case "file" -> SoftwareMasterKey.readOrCreate(properties.file() != null ? properties.file()
                    : dataDirectory.root().resolve("card-secrets").resolve("master-key.hex"));
            default -> throw new IllegalStateException("cartes.card-secrets.type is file or pkcs11, not " + properties.type());
        };
    }
}
