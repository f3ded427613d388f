package dev.weft.flow.function;

/**
 * A function of two arguments that may throw a checked exception.
 *
 * @param <T> the first argument type
 * @param <U> the second argument type
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingBiFunction<T, U, R> {
    /**
     * Applies this function.
     *
     * @param first the first argument
     * @param second the second argument
     * @return the result
     * @throws Exception any failure; it ends the flow that called the function
     */
    R apply(T first, U second) throws Exception;
}
