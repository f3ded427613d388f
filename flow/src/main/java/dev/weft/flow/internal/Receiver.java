package dev.weft.flow.internal;

/**
 * The consuming end of a boundary opened by {@link ChannelFlow#openReceiver}: the collecting
 * coroutine takes elements until {@link #END}; the producer's failure is thrown as it was thrown.
 *
 * @param <T> the element type
 */
interface Receiver<T> {
    /** Returned by {@link #take()} when the producer has completed and everything was taken. */
    Object END = SpscBuffer.END;

    /**
     * Takes the next element, suspending while none is there.
     *
     * @return the element, or {@link #END}
     * @throws Exception the producer's failure, unwrapped
     */
    Object take() throws Exception;

    /** Cancels the producer (the collection ended) and discards what is buffered. */
    void cancel();

    /**
     * Once the producer has ended: the failure it raised after a cancellation had been thrown into
     * it at a suspension point (a cleanup that threw on the way out), raw; null if there was none.
     * A failure the producer ran into on its own, even after the collection stopped, is not one
     * of these (it belongs after the elements it had put, which {@link #take()} delivers in order).
     *
     * @return the cleanup failure, or null
     */
    @org.jspecify.annotations.Nullable Throwable cleanupFailure();
}
