package dev.weft.flow;

import java.util.List;

/**
 * A hot flow: its elements are produced independently of its collectors, and every active
 * collector receives each element emitted while it is subscribed. Made by
 * {@link MutableSharedFlow#create(int, int, dev.weft.core.channels.BufferOverflow)} or by sharing a
 * cold flow ({@code shareIn}).
 *
 * <p>A shared flow <b>never completes</b>: {@link #collect(FlowCollector)} only ends when the
 * collecting coroutine is cancelled or the collector throws. Operators that end a collection
 * early (such as taking the first elements) are the usual way to stop collecting.
 *
 * <p>A new collector first receives the {@linkplain #replayCache() replay cache}, then the elements
 * emitted after it subscribed.
 *
 * <p><b>Dispatcher:</b> each collector receives elements on its own coroutine; emitters and
 * collectors never run each other's code. <b>Buffering:</b> set by the flow's replay and extra
 * buffer capacity; see {@link MutableSharedFlow}. <b>Cancellation:</b> cancelling a collecting
 * coroutine unsubscribes it (its {@link #subscriptionCount()} share disappears); it never affects
 * emitters or other collectors.
 *
 * @param <T> the element type
 */
public interface SharedFlow<T> extends Flow<T> {

    /**
     * Returns a snapshot of the elements a new collector would receive first: at most the last
     * {@code replay} elements emitted, oldest first.
     *
     * @return an immutable snapshot of the replay cache
     */
    List<T> replayCache();

    /**
     * Returns the number of collectors currently subscribed, as a state flow. A collector counts
     * from the moment it has subscribed (before it receives its first element) until its
     * collection ended, whether by cancellation or by throwing. Useful to start and stop work on
     * demand (that is what {@link SharingStarted} strategies observe).
     *
     * <p>Unlike an ordinary state flow, this one does not conflate: its collectors see every change,
     * so a subscriber that comes and goes quickly shows up as 0, 1, 0 (a collector more than 64
     * changes behind skips the oldest ones).
     *
     * @return the number of subscribers, as a read-only state flow
     */
    StateFlow<Integer> subscriptionCount();

    /**
     * Subscribes {@code collector} and hands it the replay cache, then every new element, on the
     * calling coroutine. Never returns normally.
     *
     * <p><b>Cancellation:</b> suspends between elements; throws
     * {@link java.util.concurrent.CancellationException} when the calling coroutine is cancelled.
     *
     * @param collector receives the elements
     * @throws NullPointerException if {@code collector} is null
     * @throws Exception what the collector threw, or a cancellation
     */
    @Override
    void collect(FlowCollector<? super T> collector) throws Exception;
}
