package dev.weft.flow.internal;

import dev.weft.flow.Flow;

/**
 * A source that runs no code of the user's while it is collected and never suspends: its elements
 * exist before the collection starts ({@code empty}, {@code of}) or are computed by
 * weft alone ({@code range}).
 *
 * <p>A suspending {@code buffer} or a {@code flowOn} directly over such a source has nothing to
 * decouple and nothing to move to another dispatcher, so it collects the source in the collecting
 * coroutine instead of launching a producer coroutine and handing each element over (see
 * {@link ChannelFlowOperator#withoutChannel()}). This is the rule Reactor and RxJava apply when
 * {@code publishOn}/{@code observeOn} poll a synchronous source on their own worker: a source
 * qualifies only if running it elsewhere cannot be observed. A {@code map} or any other user
 * function between the source and the boundary disqualifies it (the function must keep running
 * concurrently with the collector, where the user put it), and so does a dropping overflow policy
 * or {@code conflate} (a slow collector must still see elements dropped). {@code flatMapMerge}
 * sends a pure inner flow without a coroutine of its own, and {@code zip} pulls a pure second
 * flow through {@link #iterator()} instead of running it in a producer coroutine.
 *
 * @param <T> the element type
 */
interface PureSource<T> extends Flow<T> {
    /**
     * Returns the elements for a consumer that pulls them one at a time (a {@code zip} reading
     * this source as its second flow, without a producer coroutine).
     *
     * @return a new iterator over the elements; its {@code remove} is unsupported
     */
    java.util.Iterator<T> iterator();
}
