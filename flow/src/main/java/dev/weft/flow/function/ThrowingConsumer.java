package dev.weft.flow.function;

/**
 * An action on one value that may throw a checked exception.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {
    /**
     * Performs the action.
     *
     * @param value the argument
     * @throws Exception any failure; it ends the flow that called the action
     */
    void accept(T value) throws Exception;
}
