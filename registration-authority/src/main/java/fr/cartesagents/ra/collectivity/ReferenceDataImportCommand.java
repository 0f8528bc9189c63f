package fr.cartesagents.ra.collectivity;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;

import fr.cartesagents.ra.audit.AuditEntry;
import fr.cartesagents.ra.audit.AuditTrail;
import fr.cartesagents.ra.config.CartesDataDirectory;
import fr.cartesagents.ra.database.MigratedSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The reference data import as a command, against the database the server is configured with
 * (the same {@code spring.r2dbc.*} / {@code cartes.data-dir} settings, the same migrations): only
 * the database, the audit trail and the import are started, no PKI and no listener.
 *
 * <pre>
 * java -cp registration-authority.jar -Dloader.main=fr.cartesagents.ra.collectivity.ReferenceDataImportCommand \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --communes=communes.json --epcis=epci.json
 * </pre>
 * (see docs/operations/reference-data.md for the Maven form). Spring settings follow the options
 * as {@code --name=value}.
 */
@Command(name = "import-reference-data", mixinStandardHelpOptions = true,
        description = "Upserts the communes and EPCI of @etalab/decoupage-administratif into the configured database.")
public class ReferenceDataImportCommand implements Callable<Integer> {

    @Option(names = "--communes", description = "communes.json (current communes are kept, the rest skipped)")
    Path communes;

    @Option(names = "--epcis", description = "epci.json (imported after the communes: members are linked by INSEE code)")
    Path epcis;

    @CommandLine.Unmatched
    String[] springArguments = new String[0];

    private final PrintStream out;

    ReferenceDataImportCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, args));
    }

    static int execute(PrintStream out, String... args) {
        return new CommandLine(new ReferenceDataImportCommand(out)).setUnmatchedArgumentsAllowed(true).execute(args);
    }

    @Override
    public Integer call() {
        if (communes == null && epcis == null) {
            out.println("Nothing to import: give --communes and/or --epcis");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DatabaseOnly.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("spring.main.banner-mode", "off", "cartes.reference-data.demo-extract", "false",
                        // the server's readiness group names the HSM, which this database-only context has not
                        "management.endpoint.health.validate-group-membership", "false"))
                .run(springArguments)) {
            ReferenceDataImport imports = context.getBean(ReferenceDataImport.class);
            if (communes != null) {
                print("communes", imports.importCommunes(ReferenceFiles.stream(() -> Files.newInputStream(communes), CommuneEntry.class),
                        ReferenceDataImportCommand::entry).block());
            }
            if (epcis != null) {
                print("EPCI", imports.importEpcis(ReferenceFiles.stream(() -> Files.newInputStream(epcis), EpciEntry.class),
                        ReferenceDataImportCommand::entry).block());
            }
        }
        return 0;
    }

    private void print(String what, ImportReport report) {
        out.printf("%s: %d read, %d skipped, %d rejected %s, %d inserted, %d updated, %d unchanged, %d unknown members, %d ms%n",
                what, report.read(), report.skipped(), report.rejected(), report.firstRejected(), report.inserted(), report.updated(),
                report.unchanged(), report.unknownMembers(), report.milliseconds());
    }

    private static AuditEntry entry(String action, Map<String, String> details) {
        return new AuditEntry("command:import-reference-data", action, "reference-data:command", details);
    }

    /**
     * The database (embedded or external, migrated), the clock, the audit trail and the import: nothing else.
     * Not a {@code @Configuration}: the server's component scan must not pick it up, nor tests take it for theirs.
     */
    @EnableAutoConfiguration(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
    @ComponentScan(basePackageClasses = {MigratedSchema.class, CartesDataDirectory.class},
            excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*OpenApiConfiguration"))
    @Import({ReferenceDataImport.class, AuditTrail.class})
    // the database and data-directory settings are @ConfigurationProperties records, bound only when scanned
    @ConfigurationPropertiesScan(basePackageClasses = {MigratedSchema.class, CartesDataDirectory.class})
    static class DatabaseOnly {
    }
}
