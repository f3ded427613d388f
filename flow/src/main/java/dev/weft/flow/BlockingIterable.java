package dev.weft.flow;

/**
 * A blocking view of a flow for plain code, made by {@link Flow#toIterable()}: each
 * {@link #iterator()} starts a new collection of the flow in a producer coroutine, and its
 * {@code hasNext()} blocks the calling thread (or suspends the calling coroutine) until the next
 * element arrives. {@link #close()} cancels every producer started from this view that has not
 * finished; an iterator that reached its end, or failed, has already released its producer.
 *
 * <pre>{@code
 * try (BlockingIterable<Row> rows = repository.rows().toIterable()) {
 *     for (Row r : rows) {
 *         if (r.isLast()) break;      // close() then cancels the producer
 *     }
 * }
 * }</pre>
 *
 * <p><b>Exceptions</b>: {@code hasNext()} rethrows the flow's failure, an unchecked one as it is
 * and a checked one wrapped in {@link java.util.concurrent.CompletionException}.
 *
 * @param <T> the element type
 */
public interface BlockingIterable<T> extends Iterable<T>, AutoCloseable {
    /**
     * Cancels the producers of this view's unfinished iterators and waits for them to end. Their
     * {@code hasNext()} then throws {@link java.util.concurrent.CancellationException}; a new
     * {@link #iterator()} fails with {@link IllegalStateException}.
     */
    @Override
    void close();
}
