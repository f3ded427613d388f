package dev.weft.core.channels;

/**
 * The body of a producer coroutine.
 *
 * @param <E> the element type
 */
@FunctionalInterface
public interface ProducerBlock<E> {
    /**
     * Produces elements by sending them to {@code scope}.
     *
     * @param scope the producer's scope and channel
     * @throws Exception a failure; it closes the channel with that cause
     */
    void run(ProducerScope<E> scope) throws Exception;
}
