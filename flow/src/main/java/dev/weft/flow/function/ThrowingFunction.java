package dev.weft.flow.function;

/**
 * A function that may throw a checked exception.
 *
 * @param <T> the argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction<T, R> {
    /**
     * Applies this function.
     *
     * @param value the argument
     * @return the result
     * @throws Exception any failure; it ends the flow that called the function
     */
    R apply(T value) throws Exception;
}
