package dev.weft.flow.function;

/**
 * A function of 4 arguments that may throw a checked exception (used by
 * {@link dev.weft.flow.Flow#combine}).
 *
 * @param <A> the type of the first argument
 * @param <B> the type of the second argument
 * @param <C> the type of the third argument
 * @param <D> the type of the fourth argument
 * @param <R> the result type
 */
@FunctionalInterface
public interface ThrowingFunction4<A, B, C, D, R> {
    /**
     * Applies this function.
     *
     * @param first the first argument
     * @param second the second argument
     * @param third the third argument
     * @param fourth the fourth argument
     * @return the result
     * @throws Exception any failure; it ends the flow that called the function
     */
    R apply(A first, B second, C third, D fourth) throws Exception;
}
