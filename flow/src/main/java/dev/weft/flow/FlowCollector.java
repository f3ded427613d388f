package dev.weft.flow;

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
}
