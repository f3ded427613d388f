package dev.weft.flow.function;

import dev.weft.flow.FlowCollector;

/**
 * The body of {@link dev.weft.flow.Flow#catchError}: handles a failure of the upstream flow.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface ErrorHandler<T> {
    /**
     * Handles the upstream failure: return to complete the flow normally, emit fallback elements,
     * or throw (the same or another exception) to fail it.
     *
     * @param error the upstream failure
     * @param out where to emit fallback elements
     * @throws Exception to fail the flow
     */
    void handle(Throwable error, FlowCollector<T> out) throws Exception;
}
