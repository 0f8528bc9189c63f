package fr.cartesagents.ra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DataDirectoryConfiguration {

    @Bean
    CartesDataDirectory cartesDataDirectory(DataDirectoryProperties properties) {
        return new CartesDataDirectory(properties.dataDir());
    }
}
