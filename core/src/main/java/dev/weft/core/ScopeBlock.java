package dev.weft.core;

import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Coroutines#coroutineScope(ScopeBlock)} and
 * {@link Coroutines#supervisorScope(ScopeBlock)}: code that receives the new scope, launches
 * children in it and returns a result.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface ScopeBlock<T extends @Nullable Object> {
    /**
     * Runs the block in {@code scope}.
     *
     * @param scope the scope whose children this block may launch; it does not outlive the call
     *              that created it
     * @return the result of the scope
     * @throws Exception any failure; it cancels the scope's children and is rethrown by the scope
     */
    T run(CoroutineScope scope) throws Exception;
}
