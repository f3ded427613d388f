package dev.weft.test;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.ScopeBlock;
import dev.weft.test.internal.TestRun;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs tests of coroutine code on virtual time.
 *
 * <pre>{@code
 * @Test
 * void retriesAfterAMinute() {
 *     WeftTest.runTest(scope -> {
 *         Deferred<String> result = scope.async(() -> client.fetchWithRetry()); // delay(1 min) between tries
 *         WeftTest.advanceTimeBy(Duration.ofSeconds(59));
 *         assertThat(result.isCompleted()).isFalse();
 *         WeftTest.advanceTimeBy(Duration.ofSeconds(1));
 *         assertThat(result.await()).isEqualTo("ok");
 *         return null;
 *     });
 * }
 * }</pre>
 *
 * <p><b>Dispatcher:</b> the body, and every coroutine it launches without naming a dispatcher, run on
 * the <em>test dispatcher</em>: one carrier thread that runs them one at a time in the order they
 * became ready, so a test sees the same order of events on every run.
 *
 * <p><b>Virtual time:</b> on the test dispatcher, {@link Coroutines#delay}, {@link Coroutines#withTimeout},
 * {@link Coroutines#withTimeoutOrNull}, {@code select} timeouts and the flow operators {@code debounce},
 * {@code sample}, {@code timeout} and tickers read a virtual clock that starts at zero. Whenever every
 * coroutine of the test dispatcher is parked, the clock jumps to the next pending deadline (unless
 * {@link TestConfig#withAutoAdvance(boolean) automatic advance} is off), so a {@code delay} of a day
 * takes no real time. Computation takes no virtual time. When reactor-test or RxJava is on the class
 * path, Reactor's {@code VirtualTimeScheduler} and RxJava's {@code TestScheduler} are installed for the
 * test (Reactor's {@code Schedulers} factory, the {@code RxJavaPlugins} scheduler handlers; restored
 * afterwards) and driven by the same clock: {@code Mono.delay}, {@code Flux.interval} or a
 * {@code timeout} advance together with weft's {@code delay}, for everything assembled while the test
 * runs, anywhere (a Reactor operator picks its scheduler when it is assembled: a Flux kept in a static
 * field assembled before the test keeps real time).
 *
 * <p><b>Real time:</b> {@link Thread#sleep}, timed JDK waits, socket I/O and coroutines on other
 * dispatchers cannot be made virtual. While a coroutine of the test waits on them and the clock has a
 * deadline to jump to, the clock <em>holds</em>: that real wait takes no virtual time. A hold longer
 * than {@link TestConfig#realTimeWaitLimit()} fails the test with a {@link VirtualTimeDivergenceError}
 * naming the waiting coroutines, instead of letting the two clocks silently drift apart. An untimed
 * wait on something outside weft (a {@code CompletableFuture} completed by another thread) cannot be
 * told from a wait on virtual time.
 *
 * <p><b>Limits:</b> a test that does not finish within {@link TestConfig#timeout()} of real time
 * (60 s by default) fails with a dump of every live coroutine of the test and its stack, and is
 * cancelled.
 *
 * <p><b>Cancellation:</b> coroutines in {@link #backgroundScope()} are cancelled when the body and its
 * children have completed; a failure in them fails the test.
 */
public final class WeftTest {
    private WeftTest() {
    }

    /**
     * Runs {@code body} on a fresh test dispatcher with a virtual clock and the default
     * {@link TestConfig}, waits for it and every coroutine it launched, and returns its result.
     *
     * @param body the test; it receives the scope of the test's foreground coroutines
     * @param <T> the result type
     * @return the body's result
     * @throws NullPointerException if {@code body} is null
     * @throws AssertionError if the test did not finish within the wall-clock limit (the message holds
     *         the coroutine dump)
     * @throws VirtualTimeDivergenceError if the test waited on real time too long while virtual time had
     *         somewhere to go
     * @throws java.util.concurrent.CompletionException wrapping a checked exception of the body; an
     *         unchecked one is rethrown as it is
     */
    public static <T extends @Nullable Object> T runTest(ScopeBlock<T> body) {
        return runTest(TestConfig.defaults(), body);
    }

    /**
     * Like {@link #runTest(ScopeBlock)}, with the given settings.
     *
     * @param config the settings
     * @param body the test
     * @param <T> the result type
     * @return the body's result
     * @throws NullPointerException if an argument is null
     */
    public static <T extends @Nullable Object> T runTest(TestConfig config, ScopeBlock<T> body) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(body, "body");
        return TestRun.run(config, body);
    }

    /**
     * Runs every coroutine and timer that is due up to the current virtual time plus {@code by}
     * (inclusive), then leaves the clock there. Unlike kotlinx-coroutines-test, a task due exactly at
     * the target has run when this returns: after {@code advanceTimeBy(1 s)} a {@code delay(1 s)}
     * started at the same time is over.
     *
     * <p><b>Dispatcher:</b> call it from a coroutine of the test dispatcher (the body or its children).
     * <b>Cancellation:</b> it suspends the caller until the time is reached and throws
     * {@link java.util.concurrent.CancellationException} if the caller is cancelled meanwhile.
     *
     * @param by how far to move the clock; zero runs what is due now
     * @throws NullPointerException if {@code by} is null
     * @throws IllegalArgumentException if {@code by} is negative
     * @throws IllegalStateException if not called from a coroutine of a test dispatcher
     */
    public static void advanceTimeBy(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("by must not be negative: " + by);
        }
        onTestDispatcher("advanceTimeBy").advanceTimeBy(by);
    }

    /**
     * Moves the clock from deadline to deadline, running what is due at each, until no timer of the
     * test's foreground coroutines is pending. Background timers (those of {@link #backgroundScope()})
     * run on the way but do not keep it going, so an endless ticker in the background does not make it
     * loop forever; nor do the installed Reactor and RxJava schedulers' tasks, which run as time passes
     * them.
     *
     * <p><b>Dispatcher:</b> call it from a coroutine of the test dispatcher. <b>Cancellation:</b> as
     * {@link #advanceTimeBy(Duration)}.
     *
     * @throws IllegalStateException if not called from a coroutine of a test dispatcher
     */
    public static void advanceUntilIdle() {
        onTestDispatcher("advanceUntilIdle").advanceUntilIdle();
    }

    /**
     * Runs every coroutine that is ready and every timer due at the current virtual time, without
     * moving the clock; with automatic advance off, this is how a test lets launched coroutines reach
     * their first suspension.
     *
     * <p><b>Dispatcher:</b> call it from a coroutine of the test dispatcher. <b>Cancellation:</b> as
     * {@link #advanceTimeBy(Duration)}.
     *
     * @throws IllegalStateException if not called from a coroutine of a test dispatcher
     */
    public static void runCurrent() {
        onTestDispatcher("runCurrent").runCurrent();
    }

    /**
     * Returns the virtual time elapsed since the test started.
     *
     * @return the current virtual time
     * @throws IllegalStateException if not called inside {@link #runTest}
     */
    public static Duration currentTime() {
        return current("currentTime").currentTime();
    }

    /**
     * Returns the test's background scope: coroutines launched there (endless producers, tickers,
     * collectors of hot flows) run on the test dispatcher and virtual time like the others, but the
     * test does not wait for them: they are cancelled once the body and its foreground children have
     * completed. A failure of a background coroutine fails the test.
     *
     * @return the background scope
     * @throws IllegalStateException if not called inside {@link #runTest}
     */
    public static CoroutineScope backgroundScope() {
        return current("backgroundScope").backgroundScope();
    }

    /**
     * Tells whether the calling code runs on virtual time: inside {@link #runTest}, on the test
     * dispatcher.
     *
     * @return {@code true} on the test dispatcher of a running test
     */
    public static boolean isVirtualTime() {
        TestRun run = TestRun.current();
        return run != null && Coroutines.currentContext().dispatcher() == run.dispatcher();
    }

    private static TestRun current(String what) {
        TestRun run = TestRun.current();
        if (run == null) {
            throw new IllegalStateException(what + " works only inside WeftTest.runTest");
        }
        return run;
    }

    private static TestRun onTestDispatcher(String what) {
        TestRun run = current(what);
        if (Coroutines.currentContext().dispatcher() != run.dispatcher()) {
            throw new IllegalStateException(what + " must be called from a coroutine of the test dispatcher, not from "
                    + Coroutines.currentContext().dispatcher());
        }
        return run;
    }
}
