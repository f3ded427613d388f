package dev.weft.flow.internal;

import dev.weft.flow.Flow;

/**
 * Marks a flow that already checks for cancellation at each emission, so {@code cancellable()}
 * returns it unchanged.
 *
 * @param <T> the element type
 */
public interface CancellableFlow<T> extends Flow<T> {
}
