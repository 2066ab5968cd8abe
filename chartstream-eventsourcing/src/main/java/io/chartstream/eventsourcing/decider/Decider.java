package io.chartstream.eventsourcing.decider;

import java.util.List;

/**
 * An aggregate's rules as three pure functions, the one shape every service's write model takes:
 * the state before anything happened, the events a command produces in a state (a rejection is
 * thrown as the domain's own exception), and the state an event leads to. No I/O: a decider is
 * tested as given events / when command / then events, without starting anything.
 *
 * @param <C> the aggregate's sealed command type
 * @param <E> the aggregate's sealed event type
 * @param <S> its state
 */
public interface Decider<C, E, S> {

    S initialState();

    List<E> decide(C command, S state);

    S evolve(S state, E event);

    /** The state {@code events} lead to from the initial state. */
    default S fold(List<? extends E> events) {
        return evolveAll(initialState(), events);
    }

    default S evolveAll(S state, List<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }
}
