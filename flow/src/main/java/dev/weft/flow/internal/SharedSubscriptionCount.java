package dev.weft.flow.internal;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.StateFlow;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The {@code subscriptionCount()} of a shared or state flow. Unlike a plain state flow it does not
 * conflate: a collector sees every change (up to {@link #HISTORY} changes behind, beyond which the
 * oldest are dropped), so a subscriber that comes and goes quickly is still seen as a 0, 1, 0
 * sequence by a sharing strategy. Read-only for users; its owner calls {@link #set(int)} under its
 * own lock, which serializes the changes.
 */
public final class SharedSubscriptionCount implements StateFlow<Integer> {
    /** How many unseen changes a slow collector may have before the oldest are dropped. */
    static final int HISTORY = 64;

    private final SharedFlowImpl<Integer> changes = new SharedFlowImpl<>(1, HISTORY - 1, BufferOverflow.DROP_OLDEST);
    private volatile int value;

    SharedSubscriptionCount(int initial) {
        this.value = initial;
        changes.tryEmit(initial);
    }

    /** Publishes a new count; callers serialize their calls. */
    void set(int n) {
        if (n != value) {
            value = n;
            changes.tryEmit(n);
        }
    }

    @Override
    public Integer value() {
        return value;
    }

    @Override
    public List<Integer> replayCache() {
        return List.of(value);
    }

    @Override
    public StateFlow<Integer> subscriptionCount() {
        return changes.subscriptionCount();
    }

    @Override
    public void collect(FlowCollector<? super Integer> collector) throws Exception {
        Objects.requireNonNull(collector, "collector");
        changes.collect(distinct(collector));
    }

    /** Dropped changes could make a collector see the same count twice in a row: skip repeats. */
    private static FlowCollector<Integer> distinct(FlowCollector<? super Integer> collector) {
        int[] last = {-1};
        return n -> {
            if (n != last[0]) {
                last[0] = n;
                collector.emit(n);
            }
        };
    }

    /**
     * Returns a view of this count whose first collection sees every change from now on, although
     * it may start later on another coroutine: the subscription is made here, on the calling
     * thread. That is how a sharing coroutine, which starts asynchronously, cannot miss a
     * subscriber that came and went before it ran. The view must be {@linkplain
     * Registered#release() released} if it may never be collected.
     *
     * @return the view
     */
    Registered registerNow() {
        return new Registered(this, changes.subscribeNow());
    }

    @Override
    public String toString() {
        return "SubscriptionCount(" + value + ")";
    }

    /** See {@link #registerNow()}. */
    static final class Registered implements StateFlow<Integer> {
        private final SharedSubscriptionCount count;
        private final AtomicReference<SharedFlowImpl<Integer>.@Nullable Subscription> early;

        Registered(SharedSubscriptionCount count, SharedFlowImpl<Integer>.Subscription subscription) {
            this.count = count;
            this.early = new AtomicReference<>(subscription);
        }

        /** Drops the early subscription if no collection has taken it. */
        void release() {
            SharedFlowImpl<Integer>.Subscription s = early.getAndSet(null);
            if (s != null) {
                s.close();
            }
        }

        @Override
        public Integer value() {
            return count.value();
        }

        @Override
        public List<Integer> replayCache() {
            return count.replayCache();
        }

        @Override
        public StateFlow<Integer> subscriptionCount() {
            return count.subscriptionCount();
        }

        @Override
        public void collect(FlowCollector<? super Integer> collector) throws Exception {
            Objects.requireNonNull(collector, "collector");
            SharedFlowImpl<Integer>.Subscription s = early.getAndSet(null);
            if (s == null) {
                count.collect(collector);
                return;
            }
            FlowCollector<Integer> out = distinct(collector);
            try {
                for (;;) {
                    out.emit(s.next());
                }
            } finally {
                s.close();
            }
        }

        @Override
        public String toString() {
            return count.toString();
        }
    }
}
