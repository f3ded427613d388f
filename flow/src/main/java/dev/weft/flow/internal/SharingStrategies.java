package dev.weft.flow.internal;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import dev.weft.flow.SharingCommand;
import dev.weft.flow.SharingStarted;
import dev.weft.flow.StateFlow;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The built-in {@link SharingStarted} strategies, and the waits on a subscription count they are
 * made of.
 */
public final class SharingStrategies {
    /** A duration meaning "never" for {@link #whileSubscribed(Duration, Duration)}. */
    public static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    /** See {@link SharingStarted#EAGERLY}. */
    public static final SharingStarted EAGERLY = new Eagerly();

    /** See {@link SharingStarted#LAZILY}. */
    public static final SharingStarted LAZILY = new Lazily();

    private SharingStrategies() {
    }

    /**
     * See {@link SharingStarted#whileSubscribed(Duration, Duration)}.
     *
     * @param stopTimeout delay between the last subscriber leaving and the stop
     * @param replayExpiration delay between the stop and the reset of the replay cache
     * @return the strategy
     */
    public static SharingStarted whileSubscribed(Duration stopTimeout, Duration replayExpiration) {
        return new WhileSubscribed(nanos(stopTimeout, "stopTimeout"), nanos(replayExpiration, "replayExpiration"));
    }

    private static long nanos(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Suspends until {@code count} holds a value accepted by {@code condition}.
     *
     * @throws java.util.concurrent.CancellationException if the caller is cancelled
     * @throws IllegalStateException if the count flow completes (a state flow never does)
     */
    static void awaitCount(StateFlow<Integer> count, IntPredicate condition) throws Exception {
        if (holdsNow(count, condition)) {
            return;
        }
        Found found = new Found();
        try {
            count.collect(n -> {
                if (condition.test(n)) {
                    throw found;
                }
            });
        } catch (Found f) {
            if (f != found) {
                throw f;
            }
            return;
        }
        throw new IllegalStateException("the subscription count flow completed");
    }

    /**
     * Whether the current count satisfies {@code condition}. When it does, the strategy acts on the
     * present, so the history a {@linkplain SharedSubscriptionCount#registerNow() registered view}
     * keeps for its first collection is obsolete and is dropped: replayed by a later wait, its
     * old values would be taken for new changes (a subscriber long gone would start the upstream
     * again).
     */
    private static boolean holdsNow(StateFlow<Integer> count, IntPredicate condition) {
        if (!condition.test(count.value())) {
            return false;
        }
        if (count instanceof SharedSubscriptionCount.Registered registered) {
            registered.release();
        }
        return true;
    }

    /**
     * Waits at most {@code nanos} ({@code Long.MAX_VALUE}: without limit) until {@code count} holds
     * a value accepted by {@code condition}.
     *
     * @return whether the condition was met in time
     */
    static boolean awaitCountWithin(StateFlow<Integer> count, IntPredicate condition, long nanos) throws Exception {
        if (holdsNow(count, condition)) {
            return true;
        }
        if (nanos == 0) {
            return false;
        }
        if (nanos == Long.MAX_VALUE) {
            awaitCount(count, condition);
            return true;
        }
        return Coroutines.withTimeoutOrNull(Duration.ofNanos(nanos), () -> {
            awaitCount(count, condition);
            return Boolean.TRUE;
        }) != null;
    }

    /** Ends a collection of the count from inside its collector; stackless, one per wait. */
    private static final class Found extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Found() {
            super("condition met", null, false, false);
        }
    }

    private static final class Eagerly implements SharingStarted {
        @Override
        public Flow<SharingCommand> command(StateFlow<Integer> subscriptionCount) {
            Objects.requireNonNull(subscriptionCount, "subscriptionCount");
            return c -> c.emit(SharingCommand.START);
        }

        @Override
        public String toString() {
            return "SharingStarted.EAGERLY";
        }
    }

    private static final class Lazily implements SharingStarted {
        @Override
        public Flow<SharingCommand> command(StateFlow<Integer> subscriptionCount) {
            Objects.requireNonNull(subscriptionCount, "subscriptionCount");
            return c -> {
                awaitCount(subscriptionCount, n -> n > 0);
                c.emit(SharingCommand.START);
            };
        }

        @Override
        public String toString() {
            return "SharingStarted.LAZILY";
        }
    }

    private static final class WhileSubscribed implements SharingStarted {
        private final long stopNanos;
        private final long expireNanos;

        WhileSubscribed(long stopNanos, long expireNanos) {
            this.stopNanos = stopNanos;
            this.expireNanos = expireNanos;
        }

        @Override
        public Flow<SharingCommand> command(StateFlow<Integer> subscriptionCount) {
            Objects.requireNonNull(subscriptionCount, "subscriptionCount");
            StateFlow<Integer> count = subscriptionCount;
            return c -> {
                awaitCount(count, n -> n > 0);
                c.emit(SharingCommand.START);
                for (;;) {
                    awaitCount(count, n -> n == 0);
                    if (awaitCountWithin(count, n -> n > 0, stopNanos)) {
                        continue; // a subscriber came back in time: keep sharing
                    }
                    if (expireNanos > 0) {
                        c.emit(SharingCommand.STOP);
                        if (awaitCountWithin(count, n -> n > 0, expireNanos)) {
                            c.emit(SharingCommand.START);
                            continue;
                        }
                    }
                    c.emit(SharingCommand.STOP_AND_RESET_REPLAY_CACHE);
                    awaitCount(count, n -> n > 0);
                    c.emit(SharingCommand.START);
                }
            };
        }

        @Override
        public boolean equals(@Nullable Object o) {
            return o instanceof WhileSubscribed w && w.stopNanos == stopNanos && w.expireNanos == expireNanos;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(stopNanos) * 31 + Long.hashCode(expireNanos);
        }

        @Override
        public String toString() {
            return "SharingStarted.whileSubscribed(stopTimeout=" + text(stopNanos)
                    + ", replayExpiration=" + text(expireNanos) + ")";
        }

        private static String text(long nanos) {
            return nanos == Long.MAX_VALUE ? "forever" : Duration.ofNanos(nanos).toString();
        }
    }
}
