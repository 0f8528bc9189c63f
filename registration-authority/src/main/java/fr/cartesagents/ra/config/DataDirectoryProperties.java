package fr.cartesagents.ra.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * {@code cartes.data-dir}: where the server keeps what it creates (environment {@code CARTES_DATA_DIR};
 * {@code application.yml} defaults it to {@code ./cartes-data}).
 */
@Validated
@ConfigurationProperties("cartes")
public record DataDirectoryProperties(@NotNull Path dataDir) {
}
