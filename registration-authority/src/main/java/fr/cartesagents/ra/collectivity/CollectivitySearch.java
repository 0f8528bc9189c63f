package fr.cartesagents.ra.collectivity;

import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** The filters of a collectivity search; every filter is optional, the page is bounded. */
public record CollectivitySearch(
        @Pattern(regexp = OfficialName.PREFIX_PATTERN) String name,
        @Pattern(regexp = "[0-9AB]{5}") String insee,
        @Pattern(regexp = Department.PATTERN) String department,
        @Pattern(regexp = "commune|epci|municipal_police_grouping") String kind,
        @Min(0) @Max(100_000) int page,
        @Min(1) @Max(200) int size) {

    public Optional<String> namePrefix() {
        return Optional.ofNullable(name).filter(value -> !value.isBlank());
    }
}
