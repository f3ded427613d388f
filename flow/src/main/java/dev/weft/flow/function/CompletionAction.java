package dev.weft.flow.function;

import dev.weft.flow.FlowCollector;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link dev.weft.flow.Flow#onCompletion}.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface CompletionAction<T> {
    /**
     * Runs when the flow has ended.
     *
     * @param cause {@code null} after normal completion; otherwise the failure of the upstream or
     *              of the downstream, or a {@link java.util.concurrent.CancellationException}
     * @param out where to emit further elements; usable only after normal completion (after a
     *            failure, {@code emit} rethrows {@code cause})
     * @throws Exception any failure; after normal completion or an early stop by a downstream
     *         {@code take}/{@code first} it fails the flow, after a failure or a cancellation it is
     *         added to {@code cause} as a suppressed exception
     */
    void onCompletion(@Nullable Throwable cause, FlowCollector<T> out) throws Exception;
}
