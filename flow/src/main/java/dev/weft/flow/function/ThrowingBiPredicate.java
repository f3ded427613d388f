package dev.weft.flow.function;

/**
 * A predicate of two arguments that may throw a checked exception.
 *
 * @param <T> the first argument type
 * @param <U> the second argument type
 */
@FunctionalInterface
public interface ThrowingBiPredicate<T, U> {
    /**
     * Evaluates this predicate.
     *
     * @param first the first argument
     * @param second the second argument
     * @return whether the arguments match
     * @throws Exception any failure; it ends the flow that called the predicate
     */
    boolean test(T first, U second) throws Exception;
}
