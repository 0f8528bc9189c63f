package fr.cartesagents.benchmarks;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import fr.cartesagents.ca.issuance.HolderSubject;
import fr.cartesagents.ca.issuance.Siren;

/** Card-like PKCS#10 requests made before the measurement, so that it times only the CA. */
final class HolderRequests {

    static final HolderSubject SUBJECT = new HolderSubject("Marie-Hélène", "Dupont", "COMMUNE DE MOISSAC",
            new Siren("218201127"), "BENCH-0001");

    private HolderRequests() {
    }

    /** {@code count} DER requests, each over its own RSA 2048 key as a card generates them. */
    static List<byte[]> rsa2048(int count) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            List<byte[]> requests = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                KeyPair pair = generator.generateKeyPair();
                requests.add(new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=card key " + i), pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))
                        .getEncoded());
            }
            return requests;
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("could not prepare the benchmark's requests", e);
        }
    }
}
