package dev.weft.test;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one {@link WeftTest#runTest(TestConfig, dev.weft.core.ScopeBlock)}: immutable; each
 * {@code with...} method returns a changed copy.
 *
 * <pre>{@code
 * WeftTest.runTest(TestConfig.defaults().withAutoAdvance(false).withTimeout(Duration.ofSeconds(5)), scope -> {
 *     ...
 * });
 * }</pre>
 */
public final class TestConfig {
    private static final TestConfig DEFAULTS = new TestConfig(true, Duration.ofSeconds(60), Duration.ofSeconds(1));

    private final boolean autoAdvance;
    private final Duration timeout;
    private final Duration realTimeWaitLimit;

    private TestConfig(boolean autoAdvance, Duration timeout, Duration realTimeWaitLimit) {
        this.autoAdvance = autoAdvance;
        this.timeout = timeout;
        this.realTimeWaitLimit = realTimeWaitLimit;
    }

    /**
     * Returns the defaults: automatic advance on, a 60 s wall-clock limit for the whole test, and a
     * 1 s limit for holding the virtual clock while a coroutine of the test waits on real time.
     *
     * @return the default settings
     */
    public static TestConfig defaults() {
        return DEFAULTS;
    }

    /**
     * Turns automatic advance on or off. On (the default), whenever every coroutine of the test
     * dispatcher is parked the virtual clock jumps to the next pending deadline. Off, the clock moves
     * only through {@link WeftTest#advanceTimeBy}, {@link WeftTest#advanceUntilIdle} and
     * {@link WeftTest#runCurrent}: code that is due at the current time still runs at once, so a test
     * can assert what has <em>not</em> happened yet before it moves time.
     *
     * @param autoAdvance whether the clock jumps by itself when the test is idle
     * @return a copy with the setting changed
     */
    public TestConfig withAutoAdvance(boolean autoAdvance) {
        return new TestConfig(autoAdvance, timeout, realTimeWaitLimit);
    }

    /**
     * Sets the wall-clock limit of the whole test. A test still running when it expires fails with
     * an {@link AssertionError} that holds a dump of every live coroutine of the test with its stack,
     * and is cancelled.
     *
     * @param timeout real time the test may take; positive
     * @return a copy with the setting changed
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    public TestConfig withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new TestConfig(autoAdvance, timeout, realTimeWaitLimit);
    }

    /**
     * Sets how long the virtual clock may be held because a coroutine of the test waits on real time
     * (it sleeps with {@link Thread#sleep} or another timed JDK wait, or runs on another dispatcher)
     * while a virtual deadline is pending. Past it the test fails with a
     * {@link VirtualTimeDivergenceError}. Zero makes any such wait an immediate failure.
     *
     * @param limit real time the clock may be held; zero or positive
     * @return a copy with the setting changed
     * @throws NullPointerException if {@code limit} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public TestConfig withRealTimeWaitLimit(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        if (limit.isNegative()) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return new TestConfig(autoAdvance, timeout, limit);
    }

    /**
     * Tells whether the clock advances by itself when the test is idle.
     *
     * @return the automatic-advance setting
     */
    public boolean autoAdvance() {
        return autoAdvance;
    }

    /**
     * Returns the wall-clock limit of the whole test.
     *
     * @return the limit
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * Returns how long the clock may be held for real-time waits before the test fails.
     *
     * @return the limit
     */
    public Duration realTimeWaitLimit() {
        return realTimeWaitLimit;
    }

    @Override
    public String toString() {
        return "TestConfig[autoAdvance=" + autoAdvance + ", timeout=" + timeout + ", realTimeWaitLimit="
                + realTimeWaitLimit + "]";
    }
}
