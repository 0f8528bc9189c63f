package fr.cartesagents.ra.pki;

import fr.cartesagents.ra.certificate.CaIds;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.reactive.TransactionalOperator;

import fr.cartesagents.ca.crl.CrlGenerator;
import fr.cartesagents.ca.crl.CrlSettings;
import fr.cartesagents.ca.issuance.CertificateAuthority;
import fr.cartesagents.ca.ocsp.OcspResponder;
import fr.cartesagents.ca.ocsp.PreProducedOcspResponses;
import fr.cartesagents.ca.profile.PkiSettings;
import fr.cartesagents.ca.profile.ProfileCatalog;
import fr.cartesagents.ra.certificate.CertificateRecords;
import fr.cartesagents.ra.config.CartesDataDirectory;
import fr.cartesagents.ra.database.DatabaseAvailability;
import fr.cartesagents.ra.database.MigratedSchema;
import fr.cartesagents.ra.security.ServerTlsMaterial;

/**
 * Loads the PKI (demo ceremony, or the production configuration under the {@code production}
 * profile) and builds what signs with it: the holder CA of the API, the CRL publisher, the OCSP
 * responder.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class PkiConfiguration {

    static final String PRODUCTION_PROFILE = "production";
    private static final int MAX_KEPT_OCSP_GET_PATHS = 20_000;

    /** The policy set with the {@code cartes.pki.profiles.*} overrides; a wrong value stops the start. */
    @Bean
    PkiSettings pkiSettings(PkiProperties properties) {
        return ConfiguredPkiSettings.from(properties.policySet(), properties.profiles());
    }

    @Bean(destroyMethod = "close")
    OperationalPki operationalPki(Environment environment, PkiProperties properties, PkiSettings settings,
                                  CartesDataDirectory dataDirectory, Clock clock) {
        if (environment.acceptsProfiles(Profiles.of(PRODUCTION_PROFILE))) {
            return ProductionPki.load(properties, settings);
        }
        // read from the environment, not ServerProperties: that bean exists only in a web application,
        // and the migration and database tests start the context without one
        int httpPort = environment.getProperty("server.port", Integer.class, 8080);
        URI baseUrl = properties.publicBaseUrl() != null ? properties.publicBaseUrl() : URI.create("http://localhost:" + httpPort);
        Path softHsmModule = properties.demo().softhsmModule();
        return new DemoCeremony(dataDirectory, baseUrl, settings, DemoCaNames.from(properties.demo(), settings),
                properties.tls().dnsNames(), softHsmModule, clock).establish();
    }

    @Bean
    ServerTlsMaterial serverTlsMaterial(OperationalPki pki) {
        return pki.tls();
    }

    /** The CA behind the API: holder authentication and signature certificates, nothing else. */
    @Bean
    CertificateAuthority holderCertificateAuthority(OperationalPki pki, Clock clock) {
        ProfileCatalog standard = ProfileCatalog.standard(pki.settings());
        return CertificateAuthority.builder()
                .signer(pki.issuing())
                .profiles(ProfileCatalog.of(standard.byName(ProfileCatalog.AUTHENTICATION), standard.byName(ProfileCatalog.SIGNATURE)))
                .urls(pki.issuingUrls())
                .clock(clock)
                .build();
    }

    @Bean
    CrlPublisher crlPublisher(OperationalPki pki, PkiProperties properties, CertificateRecords certificates, CrlStore store,
                              DatabaseClient database, TransactionalOperator transactions, LatestCrls latestCrls, Clock clock,
                              MigratedSchema schema) {
        CrlSettings settings = new CrlSettings(properties.crl().nextUpdate());
        Map<String, CrlGenerator> generators = new HashMap<>();
        Map<String, URI> deltaUrls = new HashMap<>();
        generators.put(CaIds.ISSUING, new CrlGenerator(pki.issuing(), settings, clock));
        deltaUrls.put(CaIds.ISSUING, pki.issuingUrls().deltaCrl());
        pki.rootSigner().ifPresent(root -> generators.put(CaIds.ROOT, new CrlGenerator(root, settings, clock)));
        return new CrlPublisher(generators, deltaUrls, certificates, store, database, transactions, latestCrls, clock);
    }

    @Bean
    OcspService ocspService(OperationalPki pki, PkiProperties properties, CertificateRecords certificates, Clock clock,
                            DatabaseAvailability availability) {
        PrefetchedStatuses statuses = new PrefetchedStatuses(certificates, availability);
        OcspResponder responder = new OcspResponder(pki.ocspSigner(), pki.issuing().certificate(), statuses, clock,
                properties.ocspResponses().validity());
        PreProducedOcspResponses preProduced = new PreProducedOcspResponses(responder,
                properties.ocspResponses().refreshMargin(), properties.ocspResponses().maxPreProduced());
        // The GET paths kept are chosen by clients: one request can be spelt many ways (percent-escapes,
        // URL-safe base64), each a path of its own holding a copy of the answer. Bounded apart, at about
        // 40 MB of answers: once full, other paths are answered through ca-core's cache (parse, lookup),
        // and stale paths leave at each refresh pass (OcspRefreshSchedule).
        return new OcspService(responder, statuses, certificates, preProduced, availability, clock,
                Math.min(properties.ocspResponses().maxPreProduced(), MAX_KEPT_OCSP_GET_PATHS));
    }
}
