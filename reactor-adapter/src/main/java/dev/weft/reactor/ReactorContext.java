package dev.weft.reactor;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Coroutines;
import dev.weft.reactor.internal.Bodies;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * A Reactor {@link Context} carried in a coroutine's {@link CoroutineContext}: the bridge between
 * Reactor's subscriber-side context and weft's coroutine context.
 *
 * <p>Where it comes from: the body of {@link ReactorFlows#mono(java.util.concurrent.Callable)
 * mono{}} and {@link ReactorFlows#flux(dev.weft.core.channels.ProducerBlock) flux{}}, and the
 * collection behind {@link ReactorFlows#asFlux(dev.weft.flow.Flow) asFlux}, run with the
 * subscriber's {@code ContextView} as this element, so a {@code contextWrite} downstream is visible
 * there and in every coroutine launched there. {@link #with(ContextView, Callable)} adds entries
 * for a block. Where it goes: {@link ReactorFlows#await(reactor.core.publisher.Mono) await},
 * {@link ReactorFlows#awaitOrNull(reactor.core.publisher.Mono) awaitOrNull} and
 * {@link ReactorFlows#asFlow(reactor.core.publisher.Flux) asFlow} subscribe with it as the
 * subscriber's {@code currentContext()}, so {@code Mono.deferContextual} upstream sees it.
 *
 * <p><b>ThreadLocals:</b> with {@code io.micrometer:context-propagation} on the class path and
 * {@code Hooks.enableAutomaticContextPropagation()} on, the ThreadLocals registered in its
 * {@code ContextRegistry} are set from this context before the first line of a
 * {@code mono{}}/{@code flux{}} body and inside {@link #with(ContextView, Callable)}, and restored
 * when they end. A coroutine is a virtual thread: a ThreadLocal set in it stays with it across
 * every suspension and is never seen by a carrier, Reactor or Netty thread.
 */
public final class ReactorContext implements CoroutineContext.Element {
    /** The key of this element. */
    public static final CoroutineContext.Key<ReactorContext> KEY = new CoroutineContext.Key<>("ReactorContext");

    private final Context context;

    private ReactorContext(Context context) {
        this.context = context;
    }

    /**
     * Returns an element holding {@code view}, to pass to {@code launch}, {@code async} or
     * {@link Coroutines#withContext(CoroutineContext, Callable)}.
     *
     * @param view the Reactor context
     * @return the element
     * @throws NullPointerException if {@code view} is null
     */
    public static ReactorContext of(ContextView view) {
        Objects.requireNonNull(view, "view");
        return new ReactorContext(Context.of(view));
    }

    /**
     * Returns the Reactor context this element holds.
     *
     * @return the context
     */
    public Context context() {
        return context;
    }

    /**
     * Returns the Reactor context of the calling coroutine: inside a {@code mono{}} or
     * {@code flux{}} body (and the coroutines it launched), the subscriber's {@code ContextView}.
     *
     * @return the context; {@link Context#empty()} when the caller has none (or runs outside a
     *         coroutine)
     */
    public static ContextView current() {
        ReactorContext e = Coroutines.currentContext().get(KEY);
        return e == null ? Context.empty() : e.context;
    }

    /**
     * Runs {@code block} with {@code entries} added to the calling coroutine's Reactor context (an
     * entry replaces one with the same key), then restores the previous context. With
     * ThreadLocal propagation on (see the class description) the ThreadLocals registered for those
     * keys are set for the block and restored afterwards, so nested calls unwind in order.
     *
     * <p><b>Dispatcher:</b> the block runs in place, on the calling coroutine (no new coroutine);
     * coroutines it launches inherit the context. <b>Cancellation:</b> as
     * {@link Coroutines#withContext(CoroutineContext, Callable)}; the block's exception is rethrown
     * as it is (a checked one wrapped in {@link java.util.concurrent.CompletionException}).
     *
     * @param entries the entries to add
     * @param block the code to run
     * @param <T> the result type
     * @return the block's result
     * @throws NullPointerException if an argument is null
     */
    public static <T extends @Nullable Object> T with(ContextView entries, Callable<T> block) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(block, "block");
        return Bodies.with(entries, block);
    }

    @Override
    public CoroutineContext.Key<?> key() {
        return KEY;
    }

    @Override
    public String toString() {
        return "ReactorContext" + context;
    }
}
