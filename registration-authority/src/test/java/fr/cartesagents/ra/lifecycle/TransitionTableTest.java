package fr.cartesagents.ra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;

/** The transition-table type itself, on a small lifecycle of its own. */
class TransitionTableTest {

    enum Light implements LifecycleState { OFF, ON, BROKEN }

    enum Switch implements LifecycleAction { TURN_ON, TURN_OFF, BREAK }

    private static final TransitionTable<Light, Switch> TABLE = TransitionTable.of(Light.class, Switch.class,
                    "convention.illegal-transition")
            .allow(Switch.TURN_ON, Light.OFF).to(Light.ON)
            .allow(Switch.TURN_OFF, Light.ON).to(Light.OFF)
            .allow(Switch.BREAK, Light.OFF, Light.ON).to(Light.BROKEN)
            .build();

    @Test
    void everyPairIsAllowedOrRefused() {
        LifecycleSpec.of(TABLE, Light.class, Switch.class)
                .row(Switch.TURN_ON, Light.ON, Light.OFF)
                .row(Switch.TURN_OFF, Light.OFF, Light.ON)
                .row(Switch.BREAK, Light.BROKEN, Light.OFF, Light.ON)
                .verify(Light.BROKEN);
    }

    @Test
    void aRefusalNamesTheActionTheStateAndWhereTheActionStartsFrom() {
        assertThatThrownBy(() -> TABLE.next(Switch.BREAK, Light.BROKEN))
                .isInstanceOfSatisfying(ProblemException.class, problem -> assertThat(problem.detail(ProblemMessages.ENGLISH))
                        .contains("break").contains("broken").contains("[off, on]"));
    }

    @Test
    void aTableMustHaveARowForEveryActionAndOneOnly() {
        assertThatThrownBy(() -> TransitionTable.of(Light.class, Switch.class, "x")
                .allow(Switch.TURN_ON, Light.OFF).to(Light.ON).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("TURN_OFF");
        assertThatThrownBy(() -> TransitionTable.of(Light.class, Switch.class, "x")
                .allow(Switch.TURN_ON, Light.OFF).to(Light.ON)
                .allow(Switch.TURN_ON, Light.BROKEN).to(Light.ON))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two rows");
    }

    @Test
    void theActionBetweenTwoStatesIsFoundForApisThatNameTheTarget() {
        assertThat(TABLE.requireActionTo(Light.ON, Light.OFF)).isEqualTo(Switch.TURN_OFF);
        assertThatThrownBy(() -> TABLE.requireActionTo(Light.OFF, Light.OFF)).isInstanceOf(ProblemException.class);
    }

    @Test
    void theSqlGuardIsBoundFromTheTable() {
        StateGuard guard = TABLE.guard(Switch.BREAK, "light");
        assertThat(guard.set("status")).isEqualTo("status = :lightTo");
        assertThat(guard.where("l.status")).isEqualTo("l.status = any(:lightFrom)");
        assertThat(guard.from()).containsExactly("off", "on");
        assertThat(guard.to()).isEqualTo("broken");
    }
}
