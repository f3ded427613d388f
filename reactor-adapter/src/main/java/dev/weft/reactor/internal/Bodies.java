package dev.weft.reactor.internal;

import dev.weft.core.Coroutines;
import dev.weft.reactor.ReactorContext;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Runs the bodies of {@code mono{}}, {@code flux{}} and the collection behind {@code asFlux} with
 * the subscriber's Reactor context: as a {@link ReactorContext} element of the coroutine context
 * and, when ThreadLocal propagation is on, as ThreadLocals ({@link ThreadLocals}).
 */
public final class Bodies {
    private Bodies() {
    }

    /**
     * Runs a producer body (a {@code mono{}}/{@code flux{}} body or the collection behind
     * {@code asFlux}) on the subscription's coroutine, whose {@link ReactorContext} the bridge set
     * from the subscriber: when ThreadLocal propagation is on, the registered ThreadLocals are set
     * from it before the first line and restored when the body ends.
     *
     * @param body the body
     * @param <T> the result type
     * @return the body's result
     * @throws Exception what the body throws, as it threw it
     */
    public static <T extends @Nullable Object> T run(Callable<T> body) throws Exception {
        return ThreadLocals.restoring(ReactorContext.current(), body);
    }

    /**
     * The body of {@code ReactorContext.with}: the caller's Reactor context plus {@code entries}.
     *
     * @param entries the entries to add
     * @param block the block
     * @param <T> the result type
     * @return the block's result
     */
    public static <T extends @Nullable Object> T with(ContextView entries, Callable<T> block) {
        Context merged = Context.of(ReactorContext.current()).putAll(entries);
        return Coroutines.withContext(ReactorContext.of(merged), () -> ThreadLocals.restoring(entries, block));
    }
}
