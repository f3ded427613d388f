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
 * or {@code conflate} (a slow collector must still see elements dropped).
 *
 * @param <T> the element type
 */
interface PureSource<T> extends Flow<T> {
}
