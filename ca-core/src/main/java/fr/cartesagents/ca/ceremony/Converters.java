package fr.cartesagents.ca.ceremony;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

import org.bouncycastle.asn1.x500.X500Name;

import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns option values into types, with messages that show the expected form. */
final class Converters {

    private Converters() {
    }

    static void register(CommandLine commandLine) {
        commandLine.registerConverter(X500Name.class, distinguishedName());
        commandLine.registerConverter(Period.class, period());
        commandLine.registerConverter(Duration.class, duration());
        commandLine.registerConverter(URI.class, httpUrl());
    }

    static ITypeConverter<X500Name> distinguishedName() {
        return value -> {
            String defect = Rfc4514Syntax.defectOf(value);
            if (defect != null) {
                throw new TypeConversionException("'" + value + "' is not a distinguished name such as "
                        + "\"C=FR,O=Example,CN=AC Racine Example\": " + defect);
            }
            try {
                X500Name name = new X500Name(value);
                if (name.getRDNs().length == 0) {
                    throw new IllegalArgumentException("empty");
                }
                return name;
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a distinguished name such as "
                        + "\"C=FR,O=Example,CN=AC Racine Example\"");
            }
        };
    }

    static ITypeConverter<Period> period() {
        return value -> {
            try {
                Period period = Period.parse(value);
                if (period.isZero() || period.isNegative()) {
                    throw new TypeConversionException("'" + value + "' is not a positive period");
                }
                return period;
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO 8601 period such as P12Y, P6Y or P1Y6M");
            }
        };
    }

    static ITypeConverter<Duration> duration() {
        return value -> {
            try {
                Duration duration = Duration.parse(value);
                if (duration.isZero() || duration.isNegative()) {
                    throw new TypeConversionException("'" + value + "' is not a positive duration");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO 8601 duration such as PT26H or P30D");
            }
        };
    }

    /** Repository URLs go into certificates, where relying parties fetch them: absolute http(s) only. */
    static ITypeConverter<URI> httpUrl() {
        return value -> {
            try {
                URI uri = new URI(value);
                if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        || uri.getHost() == null) {
                    throw new URISyntaxException(value, "not an absolute http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new TypeConversionException("'" + value + "' is not an absolute http(s) URL such as http://pki.example.fr");
            }
        };
    }
}
