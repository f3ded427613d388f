package dev.weft.flow.function;

/**
 * A predicate that may throw a checked exception.
 *
 * @param <T> the argument type
 */
@FunctionalInterface
public interface ThrowingPredicate<T> {
    /**
     * Evaluates this predicate.
     *
     * @param value the argument
     * @return whether the argument matches
     * @throws Exception any failure; it ends the flow that called the predicate
     */
    boolean test(T value) throws Exception;
}
