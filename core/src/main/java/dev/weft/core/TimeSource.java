package dev.weft.core;

import dev.weft.core.internal.DispatcherFactory;

/**
 * A clock with timed scheduling: the time of the coroutines of a dispatcher made by
 * {@link Dispatchers#from(java.util.concurrent.Executor, TimeSource)}.
 *
 * <p>weft reads every duration through the dispatcher of the calling coroutine:
 * {@link Coroutines#delay}, {@link Coroutines#withTimeout}, {@link Coroutines#withTimeoutOrNull},
 * a {@code select} timeout and the time-based flow operators ({@code debounce}, {@code sample},
 * {@code timeout}, tickers) call {@link #nanoTime()} to learn the time and
 * {@link #schedule(Runnable, long)} to be woken, so a dispatcher built on a time source runs all of
 * them on that source's clock. Two uses motivate it: a test scheduler with a virtual clock that
 * moves only when its owner says so (the {@code weft-test} artifact), and an adapter that makes a
 * dispatcher of a Reactor or RxJava scheduler, so that a {@code delay} there goes through the
 * scheduler's own timed scheduling (and through its test scheduler in tests).
 *
 * <p>What a time source cannot change: {@link Thread#sleep}, timed JDK waits (a {@code poll} with a
 * timeout, a socket timeout) and code on other dispatchers keep running in real time.
 *
 * <p><b>Contract</b>: {@link #nanoTime()} is monotonic (never decreases). An action given to
 * {@link #schedule(Runnable, long)} runs once, no earlier than {@code delayNanos} after the call as
 * this source measures time, unless disposed first; it runs outside any coroutine (a timer thread,
 * the source's own thread, or whatever thread advances a virtual clock), must be short and must not
 * block; weft's own actions only cancel a job or unpark a coroutine. Both methods are called from
 * any thread and must be thread-safe.
 */
public interface TimeSource {

    /**
     * Returns the current time of this clock in nanoseconds; only differences between two readings
     * are meaningful.
     *
     * @return the current time
     */
    long nanoTime();

    /**
     * Runs {@code action} once after {@code delayNanos} of this clock's time.
     *
     * @param action the short, non-blocking action; never null
     * @param delayNanos the delay, at least 1 (weft handles non-positive delays itself); may be as
     *        large as {@link Long#MAX_VALUE} for "practically never"
     * @return a handle whose {@link Disposable#dispose()} keeps the action from running if it has not
     *         started yet; disposing is cheap and may be called more than once
     */
    Disposable schedule(Runnable action, long delayNanos);

    /**
     * Returns the real clock that weft's own dispatchers use: {@link System#nanoTime()} and one shared
     * daemon timer thread ({@code weft-timer}).
     *
     * @return the system time source
     */
    static TimeSource system() {
        return DispatcherFactory.systemTime();
    }
}
