package dev.weft.flow;

/**
 * The body of a {@link Flow#flow(FlowBlock) flow{}} builder (and of {@link Flow#onStart},
 * {@link Flow#onEmpty}): code that emits elements, sequentially, into the collector it receives.
 *
 * @param <T> the element type
 */
@FunctionalInterface
public interface FlowBlock<T> {
    /**
     * Produces the elements. Runs on the coroutine that collects the flow, once per collection.
     *
     * @param out where to emit; {@code emit} may be called only from this coroutine and only while
     *            this call runs
     * @throws Exception any failure; it ends the flow with that exception
     */
    void run(FlowCollector<T> out) throws Exception;
}
