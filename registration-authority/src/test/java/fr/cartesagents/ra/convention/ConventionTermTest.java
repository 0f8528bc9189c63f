package fr.cartesagents.ra.convention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/** The 6-year term renewed tacitly by 6-year periods, and the transition table. */
class ConventionTermTest {

    private static final LocalDate SIGNED = LocalDate.of(2019, 3, 15);

    @Test
    void theFirstPeriodRunsSixYearsFromTheSignature() {
        assertThat(ConventionTerm.current(Optional.of(SIGNED), LocalDate.of(2020, 1, 1)))
                .contains(new ConventionTerm(SIGNED, LocalDate.of(2025, 3, 14)));
        assertThat(ConventionTerm.current(Optional.of(SIGNED), LocalDate.of(2025, 3, 14)))
                .contains(new ConventionTerm(SIGNED, LocalDate.of(2025, 3, 14)));
    }

    @Test
    void itIsRenewedTacitlyByPeriodsOfSixYears() {
        assertThat(ConventionTerm.current(Optional.of(SIGNED), LocalDate.of(2025, 3, 15)))
                .contains(new ConventionTerm(LocalDate.of(2025, 3, 15), LocalDate.of(2031, 3, 14)));
        assertThat(ConventionTerm.current(Optional.of(SIGNED), LocalDate.of(2040, 6, 1)))
                .contains(new ConventionTerm(LocalDate.of(2037, 3, 15), LocalDate.of(2043, 3, 14)));
    }

    @Test
    void anUnsignedConventionHasNoTerm() {
        assertThat(ConventionTerm.current(Optional.empty(), LocalDate.of(2020, 1, 1))).isEmpty();
    }

    @Test
    void theTableAllowsOnlyItsTransitions() {
        assertThat(ConventionLifecycle.TABLE.next(ConventionAction.SIGN, ConventionState.DRAFT)).isEqualTo(ConventionState.SIGNED);
        assertThat(ConventionLifecycle.TABLE.next(ConventionAction.REACTIVATE, ConventionState.SUSPENDED)).isEqualTo(ConventionState.ACTIVE);
        assertThat(ConventionLifecycle.TABLE.next(ConventionAction.REQUEST_TERMINATION, ConventionState.SUSPENDED)).isEqualTo(ConventionState.TERMINATION_REQUESTED);
        for (ConventionState state : ConventionState.values()) {
            assertThat(ConventionLifecycle.TABLE.allows(ConventionAction.SUSPEND, state)).isEqualTo(state == ConventionState.ACTIVE);
        }
        assertThatThrownBy(() -> ConventionLifecycle.TABLE.next(ConventionAction.ACTIVATE, ConventionState.TERMINATED))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problemType()).isEqualTo(ProblemType.ILLEGAL_TRANSITION));
    }
}
