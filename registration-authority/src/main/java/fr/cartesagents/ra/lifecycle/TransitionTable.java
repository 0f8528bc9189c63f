package fr.cartesagents.ra.lifecycle;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.cartesagents.ra.problem.ProblemException;
import fr.cartesagents.ra.problem.ProblemType;

/**
 * The one way the server writes a lifecycle: every action, the states it may start from, the state
 * it leads to. Anything not in the table is a 409 ({@code illegal-transition}) whose detail is the
 * table's localized message, with the arguments {0} the action ({@code sign}), {1} the current
 * state, {2} the states the action starts from ({@code [active, signed]}) and {3} the state it leads
 * to. The SQL that moves a row binds its guard from the same table ({@link #guard(LifecycleAction, String)}),
 * so no statement repeats a transition in string literals.
 *
 * <pre>{@code
 * static final TransitionTable<HabilitationStatus, HabilitationAction> LIFECYCLE =
 *         TransitionTable.of(HabilitationStatus.class, HabilitationAction.class, "habilitation.illegal-transition")
 *                 .allow(WITHDRAW, ACTIVE).to(WITHDRAWN)
 *                 .build();
 * }</pre>
 */
public final class TransitionTable<S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction> {

    private final Class<S> states;
    private final Map<A, Transition<S, A>> byAction;
    private final String refusalKey;

    private TransitionTable(Class<S> states, Map<A, Transition<S, A>> byAction, String refusalKey) {
        this.states = states;
        this.byAction = Collections.unmodifiableMap(byAction);
        this.refusalKey = refusalKey;
    }

    /**
     * @param refusalKey the key, in the {@code i18n/problems} bundles, of the 409's detail (arguments above)
     */
    public static <S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction> Builder<S, A> of(
            Class<S> states, Class<A> actions, String refusalKey) {
        return new Builder<>(states, actions, refusalKey);
    }

    /** The state after {@code action} from {@code current}; a 409 problem when the table does not allow it. */
    public S next(A action, S current) {
        Transition<S, A> transition = transition(action);
        if (!transition.from().contains(current)) {
            throw refusal(action, current);
        }
        return transition.to();
    }

    /** Whether the table lets {@code action} start from {@code current}. */
    public boolean allows(A action, S current) {
        return transition(action).from().contains(current);
    }

    /** The 409 problem for {@code action} asked from {@code current} (also when a guarded update found the row moved on). */
    public ProblemException refusal(A action, S current) {
        Transition<S, A> transition = transition(action);
        return ProblemException.localized(ProblemType.ILLEGAL_TRANSITION, refusalKey, action.apiName(), current.databaseName(),
                names(transition.from()).toString(), transition.to().databaseName());
    }

    /** The action that leads from {@code current} to {@code next}, if the table has one (for APIs that name the target state). */
    public Optional<A> actionBetween(S current, S next) {
        return byAction.values().stream()
                .filter(transition -> transition.to() == next && transition.from().contains(current))
                .map(Transition::action)
                .findFirst();
    }

    /** The action that leads to {@code next}, from wherever; a 409 naming {@code current} when it cannot be taken from there. */
    public A requireActionTo(S current, S next) {
        return actionBetween(current, next).orElseThrow(() -> refusal(byAction.values().stream()
                .filter(transition -> transition.to() == next).map(Transition::action).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no action leads to " + next)), current));
    }

    public Transition<S, A> transition(A action) {
        return Objects.requireNonNull(byAction.get(action), () -> action + " is not in the table");
    }

    /** The states no action leaves. */
    public Set<S> finalStates() {
        EnumSet<S> left = EnumSet.noneOf(states);
        byAction.values().forEach(transition -> left.addAll(transition.from()));
        return Collections.unmodifiableSet(EnumSet.complementOf(left));
    }

    public List<Transition<S, A>> transitions() {
        return List.copyOf(byAction.values());
    }

    /** The SQL guard of {@code action}, with the bind parameters {@code :<parameter>From} and {@code :<parameter>To}. */
    public StateGuard guard(A action, String parameter) {
        Transition<S, A> transition = transition(action);
        return new StateGuard(transition.to().databaseName(), names(transition.from()).toArray(String[]::new), parameter);
    }

    /** {@link #guard(LifecycleAction, String)} with the parameter prefix {@code state}. */
    public StateGuard guard(A action) {
        return guard(action, "state");
    }

    private static <S extends Enum<S> & LifecycleState> List<String> names(Set<S> states) {
        return states.stream().map(LifecycleState::databaseName).sorted().toList();
    }

    /** Rows are added as {@code allow(action, from...).to(state)}; every action of the enum needs exactly one row. */
    public static final class Builder<S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction> {

        private final Class<S> states;
        private final Class<A> actions;
        private final String refusalKey;
        private final Map<A, Transition<S, A>> byAction;

        private Builder(Class<S> states, Class<A> actions, String refusalKey) {
            this.states = Objects.requireNonNull(states, "states");
            this.actions = Objects.requireNonNull(actions, "actions");
            this.refusalKey = Objects.requireNonNull(refusalKey, "refusalKey");
            this.byAction = new EnumMap<>(actions);
        }

        @SafeVarargs
        public final Row allow(A action, S first, S... more) {
            EnumSet<S> from = EnumSet.of(first);
            from.addAll(Arrays.asList(more));
            return new Row(action, from);
        }

        public TransitionTable<S, A> build() {
            EnumSet<A> missing = EnumSet.allOf(actions);
            missing.removeAll(byAction.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalStateException("No transition for " + missing + " in the lifecycle of " + states.getSimpleName());
            }
            return new TransitionTable<>(states, new EnumMap<>(byAction), refusalKey);
        }

        /** The half-written row of {@link #allow}: names the state the action leads to. */
        public final class Row {

            private final A action;
            private final Set<S> from;

            private Row(A action, Set<S> from) {
                this.action = action;
                this.from = from;
            }

            public Builder<S, A> to(S to) {
                if (byAction.putIfAbsent(action, new Transition<>(action, from, to)) != null) {
                    throw new IllegalStateException(action + " has two rows");
                }
                return Builder.this;
            }
        }
    }
}
