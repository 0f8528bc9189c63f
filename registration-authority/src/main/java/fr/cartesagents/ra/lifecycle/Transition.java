package fr.cartesagents.ra.lifecycle;

import java.util.Set;

/** One row of a {@link TransitionTable}: {@code action} moves a record from any state of {@code from} to {@code to}. */
public record Transition<S extends Enum<S> & LifecycleState, A extends Enum<A> & LifecycleAction>(A action, Set<S> from, S to) {

    public Transition {
        from = Set.copyOf(from);
        if (from.isEmpty()) {
            throw new IllegalArgumentException(action + " starts from no state");
        }
    }
}
