package fr.cartesagents.ra.directory;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A person of the directory as the mayor or a delegate enters them: civil-status names exactly as
 * on the identity document, birth date and place, professional email, and their service and job
 * title in the collectivity. Text is trimmed and NFC-normalised before it is checked.
 */
record PersonRequest(
        @NotBlank(message = "{cartes.field.required}")
        @Size(max = CivilStatusText.NAME_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.NAME, message = "{cartes.field.latin-name}")
        String birthName,
        @Size(max = CivilStatusText.NAME_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.NAME, message = "{cartes.field.latin-name}")
        String usualName,
        @NotBlank(message = "{cartes.field.required}")
        @Size(max = CivilStatusText.GIVEN_NAMES_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.GIVEN_NAMES,
                message = "{cartes.field.latin-given-names}")
        String givenNames,
        @NotNull(message = "{cartes.field.required}")
        @Past(message = "{cartes.field.past}")
        @OnOrAfter("1900-01-01")
        LocalDate birthDate,
        @NotBlank(message = "{cartes.field.required}")
        @Size(max = CivilStatusText.TEXT_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.PLACE, message = "{cartes.field.place}")
        String birthPlace,
        @NotBlank(message = "{cartes.field.required}")
        @Size(max = 254, message = "{cartes.field.at-most}")
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "{cartes.field.email}")
        String email,
        @Size(max = CivilStatusText.TEXT_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.PRINTABLE, message = "{cartes.field.printable}")
        String service,
        @Size(max = CivilStatusText.TEXT_MAX, message = "{cartes.field.at-most}")
        @Pattern(regexp = CivilStatusText.PRINTABLE, message = "{cartes.field.printable}")
        String jobTitle) {

    PersonRequest {
        birthName = CivilStatusText.clean(birthName);
        usualName = CivilStatusText.cleanOptional(usualName);
        givenNames = CivilStatusText.clean(givenNames);
        birthPlace = CivilStatusText.clean(birthPlace);
        email = CivilStatusText.clean(email);
        service = CivilStatusText.cleanOptional(service);
        jobTitle = CivilStatusText.cleanOptional(jobTitle);
    }
}
