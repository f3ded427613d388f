package dev.weft.core.channels.internal;

import dev.weft.core.channels.SendChannel;

/**
 * Where a producer's elements go: a weft channel ({@link ChannelImpl}), or any other send side a
 * weft module builds on the one producer scope ({@link ProducerScopeImpl}), such as the
 * demand-driven channel behind {@code ReactiveFlows.publish}. Weft-internal (other weft modules
 * may implement it; applications must not).
 *
 * @param <E> the element type
 */
public interface ProducerTarget<E> extends SendChannel<E> {
    /**
     * Suspends until this target is closed (or cancelled), for {@code awaitClose}.
     *
     * @throws java.util.concurrent.CancellationException if the caller is cancelled first, or the
     *         target was closed because its consumer stopped the producer
     */
    void awaitClosed();
}
