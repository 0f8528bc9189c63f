package fr.cartesagents.ra.config;

import java.nio.file.Path;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataDirectoryConfiguration {

    @Bean
    CartesDataDirectory cartesDataDirectory(@Value("${cartes.data-dir}") Path root) {
        return new CartesDataDirectory(root);
    }
}
