package dev.weft.rxjava3;

import java.util.Objects;

/**
 * What {@link RxFlows#asFlow(io.reactivex.rxjava3.core.Observable, ObservableOverflow)} does when
 * an {@code Observable}, which has no backpressure, emits faster than the flow is collected. Every
 * policy keeps the Observable's emitting thread running: {@code onNext} only offers the element to
 * a buffer and returns, it never parks or blocks (unlike a blocking send, which deadlocks an
 * emitter that shares its thread with the collector).
 *
 * <ul>
 *   <li>{@link #error(int)}: up to {@code capacity} elements wait; one more fails the flow with a
 *       {@link io.reactivex.rxjava3.exceptions.MissingBackpressureException} (after the elements
 *       already buffered) and disposes the Observable. The {@link #DEFAULT}.</li>
 *   <li>{@link #dropOldest(int)}: up to {@code capacity} wait; a new element evicts the oldest.</li>
 *   <li>{@link #dropLatest(int)}: up to {@code capacity} wait; a new element is dropped.</li>
 *   <li>{@link #keepLatest()}: only the latest element waits; the collector always gets the newest.</li>
 *   <li>{@link #unbounded()}: everything waits; memory grows with the backlog.</li>
 * </ul>
 */
public final class ObservableOverflow {

    /** The capacity of {@link #DEFAULT}: {@value}. */
    public static final int DEFAULT_CAPACITY = 1024;

    /**
     * The policy of {@link RxFlows#asFlow(io.reactivex.rxjava3.core.Observable)}: a bounded buffer of
     * {@value #DEFAULT_CAPACITY} elements that fails with a
     * {@link io.reactivex.rxjava3.exceptions.MissingBackpressureException} when it overflows, so that
     * a collector that cannot keep up is noticed instead of silently losing elements or growing
     * memory without bound.
     */
    public static final ObservableOverflow DEFAULT = new ObservableOverflow(Strategy.ERROR, DEFAULT_CAPACITY);

    private static final ObservableOverflow KEEP_LATEST = new ObservableOverflow(Strategy.KEEP_LATEST, 1);
    private static final ObservableOverflow UNBOUNDED = new ObservableOverflow(Strategy.UNBOUNDED, Integer.MAX_VALUE);

    /** The kinds of policy. */
    public enum Strategy {
        /** Bounded; overflow fails the flow with a {@code MissingBackpressureException}. */
        ERROR,
        /** Bounded; overflow evicts the oldest waiting element. */
        DROP_OLDEST,
        /** Bounded; overflow drops the new element. */
        DROP_LATEST,
        /** One slot, always holding the newest element. */
        KEEP_LATEST,
        /** No bound. */
        UNBOUNDED
    }

    private final Strategy strategy;
    private final int capacity;

    private ObservableOverflow(Strategy strategy, int capacity) {
        this.strategy = strategy;
        this.capacity = capacity;
    }

    /**
     * A bounded buffer that fails the flow when it overflows.
     *
     * @param capacity how many elements may wait for the collector, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static ObservableOverflow error(int capacity) {
        return new ObservableOverflow(Strategy.ERROR, check(capacity));
    }

    /**
     * A bounded buffer that evicts its oldest element to make room.
     *
     * @param capacity how many elements may wait for the collector, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static ObservableOverflow dropOldest(int capacity) {
        return new ObservableOverflow(Strategy.DROP_OLDEST, check(capacity));
    }

    /**
     * A bounded buffer that drops a new element when it is full.
     *
     * @param capacity how many elements may wait for the collector, at least 1
     * @return the policy
     * @throws IllegalArgumentException if {@code capacity < 1}
     */
    public static ObservableOverflow dropLatest(int capacity) {
        return new ObservableOverflow(Strategy.DROP_LATEST, check(capacity));
    }

    /**
     * Keeps only the latest element for the collector (conflation).
     *
     * @return the policy
     */
    public static ObservableOverflow keepLatest() {
        return KEEP_LATEST;
    }

    /**
     * Buffers every element the collector has not taken yet, without bound.
     *
     * @return the policy
     */
    public static ObservableOverflow unbounded() {
        return UNBOUNDED;
    }

    /**
     * Returns the kind of this policy.
     *
     * @return the strategy
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * Returns how many elements may wait: 1 for {@link #keepLatest()}, {@link Integer#MAX_VALUE}
     * for {@link #unbounded()}.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    private static int check(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        return capacity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservableOverflow other && other.strategy == strategy && other.capacity == capacity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, capacity);
    }

    @Override
    public String toString() {
        return switch (strategy) {
            case ERROR -> "error(" + capacity + ")";
            case DROP_OLDEST -> "dropOldest(" + capacity + ")";
            case DROP_LATEST -> "dropLatest(" + capacity + ")";
            case KEEP_LATEST -> "keepLatest()";
            case UNBOUNDED -> "unbounded()";
        };
    }
}
