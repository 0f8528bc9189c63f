package fr.cartesagents.ra.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code cartes.http.*}: the largest request body accepted.
 *
 * @param maxRequestSize       any API request (default 256 KiB)
 * @param maxReferenceDataSize a reference data upload, streamed (default 64 MiB; the official communes file is 9 MB)
 */
@Validated
@ConfigurationProperties("cartes.http")
public record RequestSizeProperties(@NotNull @DefaultValue("256KB") DataSize maxRequestSize,
                                    @NotNull @DefaultValue("64MB") DataSize maxReferenceDataSize) {

    public RequestSizeProperties {
        if (maxRequestSize != null && (maxRequestSize.toBytes() < 1 || maxRequestSize.toBytes() > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("cartes.http.max-request-size must be between 1 byte and 2 GB, not " + maxRequestSize);
        }
    }
}
