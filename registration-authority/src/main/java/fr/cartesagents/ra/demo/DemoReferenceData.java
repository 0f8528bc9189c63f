package fr.cartesagents.ra.demo;

import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.collectivity.CommuneEntry;
import fr.cartesagents.ra.collectivity.EpciEntry;
import fr.cartesagents.ra.collectivity.ImportReport;
import fr.cartesagents.ra.collectivity.ReferenceDataEvent;
import fr.cartesagents.ra.collectivity.ReferenceDataImport;
import fr.cartesagents.ra.collectivity.ReferenceDataProperties;
import fr.cartesagents.ra.collectivity.ReferenceFiles;

/**
 * Gives a fresh demo (any profile but {@code production}) real communes: when no reference data
 * was ever imported into the database (no import audit event: a fresh database, whatever other
 * start-up seeding such as the demo users already wrote), loads the committed extract of the
 * official data (the communes and EPCI of the Nord, Armentières and La Chapelle-d'Armentières among
 * them). The import upserts by INSEE code, so it meets the demo users' Armentières on the same row.
 * A production database is loaded by the import command or endpoint instead
 * (docs/operations/reference-data.md).
 */
@Component
class DemoReferenceData implements InitializingBean {

    static final String DEMO_DEPARTMENT = "59";
    private static final Logger LOG = LoggerFactory.getLogger(DemoReferenceData.class);

    private final ReferenceDataImport imports;
    private final AuditTrail audit;
    private final Environment environment;
    private final boolean enabled;

    DemoReferenceData(ReferenceDataImport imports, AuditTrail audit, Environment environment,
                      ReferenceDataProperties properties) {
        this.imports = imports;
        this.audit = audit;
        this.environment = environment;
        this.enabled = properties.demoExtract();
    }

    @Override
    public void afterPropertiesSet() {
        if (!enabled || environment.acceptsProfiles(Profiles.of("production"))) {
            return;
        }
        Boolean imported = audit.hasAny(Stream.of(ReferenceDataEvent.values()).map(ReferenceDataEvent::auditName).toList()).block();
        if (Boolean.TRUE.equals(imported)) {
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
        return new AuditEntry(AuditEntry.SYSTEM, action, "reference-data:demo-extract-" + DEMO_DEPARTMENT, details);
    }
}
