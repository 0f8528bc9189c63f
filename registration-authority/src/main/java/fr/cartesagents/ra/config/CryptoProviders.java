package fr.cartesagents.ra.config;

import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.context.annotation.Configuration;

/**
 * Registers BouncyCastle as a last-resort JCA provider: the JDK's own providers do not map every
 * algorithm OID found in certification requests (e.g. no KeyFactory for id-ecPublicKey by OID on
 * JDK 17), which BouncyCastle's JCA helpers look up by OID.
 */
@Configuration(proxyBeanMethods = false)
class CryptoProviders {

    static {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
    }
}
