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
        @NotBlank(message = "required")
        @Size(max = CivilStatusText.NAME_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.NAME, message = "Latin letters only (accents allowed), separated by a space, an apostrophe or hyphens")
        String birthName,
        @Size(max = CivilStatusText.NAME_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.NAME, message = "Latin letters only (accents allowed), separated by a space, an apostrophe or hyphens")
        String usualName,
        @NotBlank(message = "required")
        @Size(max = CivilStatusText.GIVEN_NAMES_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.GIVEN_NAMES,
                message = "Latin letters only (accents allowed), separated by a space, a comma, an apostrophe or hyphens")
        String givenNames,
        @NotNull(message = "required")
        @Past(message = "must be in the past")
        @OnOrAfter("1900-01-01")
        LocalDate birthDate,
        @NotBlank(message = "required")
        @Size(max = CivilStatusText.TEXT_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.PLACE, message = "letters, digits, spaces and ' ( ) . , / - only")
        String birthPlace,
        @NotBlank(message = "required")
        @Size(max = 254, message = "at most {max} characters")
        @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be an email address such as prenom.nom@mairie.fr")
        String email,
        @Size(max = CivilStatusText.TEXT_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.PRINTABLE, message = "no control characters")
        String service,
        @Size(max = CivilStatusText.TEXT_MAX, message = "at most {max} characters")
        @Pattern(regexp = CivilStatusText.PRINTABLE, message = "no control characters")
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
