package fr.cartesagents.ra.testsupport;

import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.operator.ContentSigner;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import fr.cartesagents.ca.authority.CaSigner;
import fr.cartesagents.ca.token.CryptoToken;
import fr.cartesagents.ca.token.CryptoTokenException;
import fr.cartesagents.ca.token.KeySpec;
import fr.cartesagents.ca.token.SignatureAlgorithm;
import fr.cartesagents.ra.pki.OperationalPki;

/**
 * Fault injection for tests: the issuing CA's token, wrapped so that a test can make it fail to
 * sign (as an HSM that is unplugged or times out would) and then heal it. Import it in a test class.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SigningFaults {

    private static final AtomicBoolean ARMED = new AtomicBoolean();

    /** The next signatures of the issuing CA fail until {@link #heal()}. */
    public static void arm() {
        ARMED.set(true);
    }

    public static void heal() {
        ARMED.set(false);
    }

    @Bean
    static BeanPostProcessor failingIssuingToken() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof OperationalPki pki) {
                    CaSigner issuing = pki.issuing();
                    return new OperationalPki(pki.rootCertificate(), pki.rootSigner(),
                            new CaSigner(issuing.certificate(), new FailingToken(issuing.token()), issuing.keyAlias()),
                            pki.ocspSigner(), pki.tls(), pki.settings(), pki.publicBaseUrl(), pki.ceremonyCertificates(),
                            pki.demoAdministratorFingerprint());
                }
                return bean;
            }
        };
    }

    private record FailingToken(CryptoToken token) implements CryptoToken {

        @Override
        public String description() {
            return token.description();
        }

        @Override
        public PublicKey generateKeyPair(String alias, KeySpec spec) {
            return token.generateKeyPair(alias, spec);
        }

        @Override
        public Optional<PublicKey> publicKey(String alias) {
            return token.publicKey(alias);
        }

        @Override
        public ContentSigner contentSigner(String alias, SignatureAlgorithm algorithm) {
            if (ARMED.get()) {
                throw new CryptoTokenException("injected fault: the token does not answer");
            }
            return token.contentSigner(alias, algorithm);
        }

        @Override
        public void close() {
            token.close();
        }
    }
}
