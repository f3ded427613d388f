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
}
