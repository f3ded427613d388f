package dev.weft.flow.function;

import dev.weft.flow.FlowCollector;

/**
 * The body of {@link dev.weft.flow.Flow#transform}: turns one upstream value into any number of
 * downstream emissions.
 *
 * @param <T> the upstream type
 * @param <R> the downstream type
 */
@FunctionalInterface
public interface Transformer<T, R> {
    /**
     * Handles one upstream value.
     *
     * @param value the upstream value
     * @param out where to emit; only from the calling coroutine, only during this call
     * @throws Exception any failure; it ends the flow
     */
    void apply(T value, FlowCollector<R> out) throws Exception;
}
