package fr.cartesagents.ra.collectivity;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditEntry;

/**
 * Gives a fresh demo (any profile but {@code production}) real communes: when the collectivity
 * table is empty at start-up, loads the committed extract of the official data (the communes and
 * EPCI of the Nord, Armentières and La Chapelle-d'Armentières among them). A production database
 * is loaded by the import command or endpoint instead (docs/operations/reference-data.md).
 */
@Component
class DemoReferenceData implements InitializingBean {

    static final String DEMO_DEPARTMENT = "59";
    private static final Logger LOG = LoggerFactory.getLogger(DemoReferenceData.class);

    private final ReferenceDataImport imports;
    private final DatabaseClient database;
    private final Environment environment;
    private final boolean enabled;

    DemoReferenceData(ReferenceDataImport imports, DatabaseClient database, Environment environment,
                      @Value("${cartes.reference-data.demo-extract:true}") boolean enabled) {
        this.imports = imports;
        this.database = database;
        this.environment = environment;
        this.enabled = enabled;
    }

    @Override
    public void afterPropertiesSet() {
        if (!enabled || environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        Long existing = database.sql("select count(*) as n from collectivity").map(row -> row.get("n", Long.class)).one().block();
        if (existing != null && existing > 0) {
            return;
        }
        ImportReport communes = imports.importCommunes(
                ReferenceFiles.stream(() -> new ClassPathResource("reference/communes-" + DEMO_DEPARTMENT + ".json").getInputStream(),
                        CommuneEntry.class), DemoReferenceData::systemEntry).block();
        ImportReport epcis = imports.importEpcis(
                ReferenceFiles.stream(() -> new ClassPathResource("reference/epci-" + DEMO_DEPARTMENT + ".json").getInputStream(),
                        EpciEntry.class), DemoReferenceData::systemEntry).block();
        LOG.info("Demo reference data: {} communes and {} EPCI of department {} loaded", communes.inserted(), epcis.inserted(),
                DEMO_DEPARTMENT);
    }

    private static AuditEntry systemEntry(String action, Map<String, String> details) {
        return new AuditEntry("system", action, "reference-data:demo-extract-" + DEMO_DEPARTMENT, details);
    }
}
