package dev.weft.flow;

/**
 * A cold, suspending stream of elements: nothing runs until {@link #collect(FlowCollector)}, and
 * each collection runs the producer again. A producer's {@code emit} suspends until the collector
 * has taken the element, which is backpressure without request bookkeeping.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface Flow<T> {

    /**
     * Runs this flow, handing every element to {@code collector} on the calling coroutine, and
     * returns when the flow has completed.
     *
     * @param collector receives the elements
     * @throws Exception the failure of the producer or of the collector
     */
    void collect(FlowCollector<? super T> collector) throws Exception;
}
