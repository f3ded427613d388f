package dev.weft.flow;

import java.util.Objects;

/**
 * Receives the elements of a {@link Flow}.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface FlowCollector<T> {
    /**
     * Receives one element. May suspend the calling coroutine (that is how a slow collector
     * pushes back on its producer) and may throw, which cancels the producer.
     *
     * @param value the element, never null
     * @throws Exception to stop the collection with a failure
     */
    void emit(T value) throws Exception;

    /**
     * Emits every element of {@code flow}, in order, by collecting it into this collector on the
     * calling coroutine; returns when {@code flow} has completed.
     *
     * @param flow the flow whose elements to emit
     * @throws NullPointerException if {@code flow} is null
     * @throws Exception the failure of {@code flow} or of this collector
     */
    default void emitAll(Flow<? extends T> flow) throws Exception {
        Objects.requireNonNull(flow, "flow");
        dev.weft.flow.internal.NullChecks.upstream(flow).collect(this);
    }
}
