package dev.weft.reactor.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.channels.ProducerScope;
import dev.weft.reactor.ReactorContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Operators;
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

    /** Carries a checked exception of a body through {@link Coroutines#withContext} unwrapped. */
    private static final class Checked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Checked(Exception cause) {
            super(null, cause, false, false);
        }
    }

    /**
     * Runs {@code body} in place with {@code subscriberContext} as the Reactor context of the
     * calling coroutine (and of the coroutines it launches) and, when propagation is on, with the
     * registered ThreadLocals set from it.
     *
     * @param subscriberContext the subscriber's context
     * @param body the body
     * @param <T> the result type
     * @return the body's result
     * @throws Exception what the body throws, as it threw it
     */
    public static <T extends @Nullable Object> T run(ContextView subscriberContext, Callable<T> body) throws Exception {
        if (subscriberContext.isEmpty()) {
            return body.call();
        }
        try {
            return Coroutines.withContext(ReactorContext.of(subscriberContext), () -> {
                try {
                    return ThreadLocals.restoring(subscriberContext, body);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new Checked(e);
                }
            });
        } catch (Checked c) {
            throw (Exception) c.getCause();
        }
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

    /**
     * Runs a producer body for a subscription: a failure after the subscriber cancelled (the scope
     * is no longer active) cannot be signalled any more and goes to Reactor's
     * {@link Operators#onErrorDropped} with the subscriber's context, once; a
     * {@link CancellationException} then is the cancellation itself and is not reported.
     *
     * @param scope the producer scope of the subscription
     * @param subscriberContext the subscriber's context
     * @param body the body
     * @throws Exception the body's failure while the subscription is live
     */
    public static void produce(ProducerScope<?> scope, ContextView subscriberContext, Callable<?> body) throws Exception {
        try {
            run(subscriberContext, body);
        } catch (Throwable t) {
            if (!scope.isActive()) {
                if (!(t instanceof CancellationException)) {
                    Operators.onErrorDropped(t, Context.of(subscriberContext));
                }
                return;
            }
            throw t;
        }
    }
}
