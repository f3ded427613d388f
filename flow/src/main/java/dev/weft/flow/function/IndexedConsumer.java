package dev.weft.flow.function;

/**
 * An action on a value and its position in a flow (0 for the first element).
 *
 * @param <T> the value type
 */
@FunctionalInterface
public interface IndexedConsumer<T> {
    /**
     * Performs the action.
     *
     * @param index the position of the value, counting from 0
     * @param value the value
     * @throws Exception any failure; it ends the flow that called the action
     */
    void accept(long index, T value) throws Exception;
}
