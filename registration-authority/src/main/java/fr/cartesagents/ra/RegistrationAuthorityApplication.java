package fr.cartesagents.ra;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistrationAuthorityApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistrationAuthorityApplication.class, args);
    }
}
