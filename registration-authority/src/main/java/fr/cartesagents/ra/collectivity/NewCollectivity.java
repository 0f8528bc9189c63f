package fr.cartesagents.ra.collectivity;

import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A collectivity to create. A commune has an INSEE code (its department is then the code's
 * prefix); a grouping has no INSEE code, a department, and its member communes.
 */
public record NewCollectivity(
        @NotNull @Pattern(regexp = "commune|epci|municipal_police_grouping") String kind,
        @Size(max = 5) String inseeCode,
        @Size(max = 9) String siren,
        @NotBlank @Size(max = 200) @Pattern(regexp = OfficialName.PATTERN) String name,
        @Pattern(regexp = Department.PATTERN) String department,
        @Size(max = 10) @Pattern(regexp = "[A-Z0-9]{1,10}") String legalForm,
        UUID registrationOfficeId,
        @Size(max = 500) List<@NotNull UUID> memberIds) {

    public List<UUID> members() {
        return memberIds == null ? List.of() : memberIds;
    }
}
