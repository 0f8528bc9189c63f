package fr.cartesagents.ra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemMessages;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * The table-driven check of a lifecycle: its expected rows are written out by the test, then every
 * pair (action, current state) is tried: an expected row's pair leads to its state; every other
 * pair is a 409 whose detail exists in English and in French; the SQL guard names the same states.
 * Each lifecycle's test is then only its table, as the specification reads it.
 */
public final class LifecycleSpec<S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction> {

    private final TransitionTable<S, A> table;
    private final Class<S> states;
    private final Class<A> actions;
    private final List<Transition<S, A>> expected = new ArrayList<>();

    private LifecycleSpec(TransitionTable<S, A> table, Class<S> states, Class<A> actions) {
        this.table = table;
        this.states = states;
        this.actions = actions;
    }

    public static <S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction> LifecycleSpec<S, A> of(
            TransitionTable<S, A> table, Class<S> states, Class<A> actions) {
        return new LifecycleSpec<>(table, states, actions);
    }

    /** An expected row: {@code action} leads from each of {@code from} to {@code to}. */
    @SafeVarargs
    public final LifecycleSpec<S, A> row(A action, S to, S... from) {
        expected.add(new Transition<>(action, EnumSet.copyOf(List.of(from)), to));
        return this;
    }

    /** Checks every (action, state) pair against the expected rows, and the final states. */
    @SafeVarargs
    public final void verify(S... finalStates) {
        assertThat(table.transitions()).containsExactlyInAnyOrderElementsOf(expected);
        for (A action : actions.getEnumConstants()) {
            Transition<S, A> row = expected.stream().filter(t -> t.action() == action).findFirst().orElseThrow();
            for (S current : states.getEnumConstants()) {
                if (row.from().contains(current)) {
                    assertThat(table.allows(action, current)).as("%s from %s", action, current).isTrue();
                    assertThat(table.next(action, current)).as("%s from %s", action, current).isEqualTo(row.to());
                    assertThat(table.actionBetween(current, row.to())).isPresent();
                } else {
                    assertThat(table.allows(action, current)).as("%s from %s", action, current).isFalse();
                    assertThatThrownBy(() -> table.next(action, current)).as("%s from %s", action, current)
                            .isInstanceOfSatisfying(ProblemException.class, problem -> {
                                assertThat(problem.problemType()).isEqualTo(ProblemType.ILLEGAL_TRANSITION);
                                assertThat(problem.detail(ProblemMessages.ENGLISH)).isNotBlank();
                                assertThat(problem.detail(ProblemMessages.FRENCH)).isNotBlank()
                                        .isNotEqualTo(problem.detail(ProblemMessages.ENGLISH));
                            });
                }
            }
            StateGuard guard = table.guard(action, "x");
            assertThat(guard.to()).isEqualTo(row.to().name().toLowerCase(Locale.ROOT));
            assertThat(guard.from()).containsExactlyInAnyOrderElementsOf(
                    row.from().stream().map(LifecycleState::databaseName).toList());
            assertThat(guard.where("t.state")).isEqualTo("t.state = any(:xFrom)");
        }
        assertThat(table.finalStates()).containsExactlyInAnyOrder(finalStates);
    }
}
