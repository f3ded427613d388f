package dev.weft.flow.function;

import dev.weft.flow.FlowCollector;

/**
 * The body of {@link dev.weft.flow.Flow#transformWhile}: turns one upstream value into any number
 * of downstream emissions and says whether to go on.
 *
 * @param <T> the upstream type
 * @param <R> the downstream type
 */
@FunctionalInterface
public interface WhileTransformer<T, R> {
    /**
     * Handles one upstream value.
     *
     * @param value the upstream value
     * @param out where to emit; only from the calling coroutine, only during this call
     * @return {@code true} to receive the next value, {@code false} to stop the upstream
     * @throws Exception any failure; it ends the flow
     */
    boolean apply(T value, FlowCollector<R> out) throws Exception;
}
