package dev.weft.core;

import dev.weft.core.internal.DispatcherFactory;
import java.util.concurrent.Executor;

/**
 * weft's dispatchers: pools of carrier threads on which coroutines (virtual threads) run.
 *
 * <p>Owning the carriers needs the JVM option {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * (or {@code =dev.weft.core} on the module path): weft reaches the JDK's virtual-thread builder for
 * a custom executor through it. Without the option, {@link #DEFAULT} and {@link #IO} fall back to the
 * JDK's default virtual-thread scheduler (same semantics, shared carriers; logged once) and the
 * factories of confining dispatchers throw an {@link IllegalStateException} that names the option.
 */
public final class Dispatchers {
    private Dispatchers() {
    }

    /**
     * For CPU-bound work, and the default of every coroutine that names no dispatcher: one daemon
     * carrier per core ({@code weft-default-N}) with work stealing. A coroutine woken by another
     * coroutine of this dispatcher runs next on the waker's carrier unless an idle carrier takes it
     * first, so handoffs between coroutines (channels, flows) cost no operating-system wake-up; a
     * task left behind a carrier that stays busy is taken by a searching carrier within about
     * 50 µs.
     */
    public static final Dispatcher DEFAULT = DispatcherFactory.defaultDispatcher();

    /**
     * For code that blocks its carrier (file I/O, native calls, pinning): an elastic pool of up to
     * max(64, cores) daemon carriers ({@code weft-io-N}) that start on demand and end when idle.
     * Blocking calls that park a virtual thread (sockets, locks, queues, sleep) need no IO
     * dispatcher: they free the carrier anyway.
     */
    public static final Dispatcher IO = DispatcherFactory.io();

    /**
     * Creates a dispatcher with one carrier thread, named {@code name}. All its coroutines run on
     * that thread one at a time, so they can share plain mutable state without data races.
     *
     * @param name the carrier thread's name
     * @return the dispatcher; close it when done
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     * @throws IllegalStateException if the JVM lacks {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     */
    public static CloseableDispatcher newSingleThread(String name) {
        return DispatcherFactory.newSingleThread(name);
    }

    /**
     * Creates a dispatcher with {@code threads} carrier threads named {@code name-N}, scheduled like
     * {@link #DEFAULT} (work stealing; a coroutine woken by another coroutine of the dispatcher runs
     * next on the waker's carrier). With one thread it is {@link #newSingleThread(String)}'s carrier.
     *
     * @param threads the number of carriers, at least 1
     * @param name the carriers' name prefix
     * @return the dispatcher; close it when done
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code threads < 1} or {@code name} is blank
     * @throws IllegalStateException if the JVM lacks {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     */
    public static CloseableDispatcher newFixed(int threads, String name) {
        return DispatcherFactory.newFixed(threads, name);
    }

    /**
     * Creates a dispatcher whose carriers are tasks of {@code executor}. The executor stays the
     * application's to shut down; if it rejects a coroutine's continuation (after shutdown, or
     * when saturated), that continuation runs on a weft carrier instead and the rejection is
     * logged once, so resuming a coroutine never fails.
     *
     * <p>Any executor is safe to pass, including one that runs a task in the calling thread
     * ({@code Runnable::run}, {@code ThreadPoolExecutor.CallerRunsPolicy} once saturated, a
     * scheduler that runs immediately) or on a virtual thread. A coroutine's continuation can only
     * run on a platform thread that is not busy with something else, so a continuation that such
     * an executor runs in the thread that resumed the coroutine, or on a virtual thread, is handed
     * to a weft carrier instead (noted once at {@code DEBUG} level): the resumer never becomes the
     * coroutine's carrier and never gets an exception. With a purely caller-runs executor every
     * coroutine of the dispatcher therefore runs on weft's carriers.
     *
     * @param executor runs the coroutines' continuations
     * @return the dispatcher
     * @throws NullPointerException if {@code executor} is null
     * @throws IllegalStateException if the JVM lacks {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     */
    public static Dispatcher from(Executor executor) {
        return DispatcherFactory.from(executor, "executor-" + Integer.toHexString(System.identityHashCode(executor)));
    }

    /**
     * Creates a dispatcher whose carriers are tasks of {@code executor}, like
     * {@link #from(Executor)}, and whose coroutines read time from {@code time}: {@link Coroutines#delay},
     * {@link Coroutines#withTimeout}, {@link Coroutines#withTimeoutOrNull}, {@code select} timeouts and
     * the time-based flow operators measure durations with {@link TimeSource#nanoTime()} and are woken
     * through {@link TimeSource#schedule(Runnable, long)}. This is the extension point for a virtual
     * clock in tests (see the {@code weft-test} artifact) and for a dispatcher over a Reactor or RxJava
     * scheduler, whose delays should go through the scheduler's own timed scheduling.
     *
     * <p><b>Dispatcher:</b> as {@link #from(Executor)}; a scheduled action runs wherever the time
     * source runs it. <b>Cancellation:</b> a delay that is cancelled disposes its scheduled wake-up,
     * so a cancelled coroutine leaves nothing pending on the time source. Real-time waits
     * ({@link Thread#sleep}, timed JDK waits, I/O) are not affected by {@code time}.
     *
     * @param executor runs the coroutines' continuations
     * @param time the clock and timer of the dispatcher's coroutines
     * @return the dispatcher
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if the JVM lacks {@code --add-opens java.base/java.lang=ALL-UNNAMED}
     */
    public static Dispatcher from(Executor executor, TimeSource time) {
        return DispatcherFactory.from(executor, time, "executor-" + Integer.toHexString(System.identityHashCode(executor)));
    }
}
