package dev.weft.flow.internal;

import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.internal.Cancellation;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.StateFlow;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The {@link MutableSharedFlow} implementation.
 *
 * <p><b>Model.</b> Every accepted element gets a sequence number (a {@code long} index). The
 * buffer is a growable ring holding the accepted elements with indices in {@code [head, bufEnd)}.
 * Two cursors decide what must stay: {@code replayIndex}, the first element of the replay cache
 * ({@code bufEnd - replayIndex <= replay}), and {@code minSub}, the smallest index any subscriber
 * still has to take. {@code head = min(replayIndex, minSub)}: everything older is dropped at once.
 * The buffer holds at most {@code capacity = replay + extra} elements.
 *
 * <p>An emitter that finds the buffer full because a subscriber is behind (and the policy is
 * SUSPEND) is queued in {@code pending} and parks; when the slowest subscriber advances, queued
 * elements move into the buffer in order and their emitters are resumed. Pending elements are
 * invisible to subscribers, except with no buffer at all ({@code capacity == 0}): then subscribers
 * read the first pending element directly (index {@code bufEnd}), and it is consumed, and its
 * emitter resumed, once every subscriber has taken it.
 *
 * <p><b>Concurrency.</b> All state is guarded by this object's monitor, held only for short,
 * non-blocking sections; threads park outside it. A parked subscriber records its thread in
 * {@link Sub#waiter} under the monitor, and whoever makes data available clears it and unparks
 * the thread, so no wake-up is lost; loops tolerate spurious wake-ups and call
 * {@link Cancellation#check()} after each.
 *
 * @param <T> the element type
 */
public final class SharedFlowImpl<T> implements MutableSharedFlow<T> {
    private static final Object NONE = new Object();
    private static final Object[] NO_ELEMENTS = new Object[0];
    private static final Sub[] NO_SUBS = new Sub[0];
    private static final int MAX_RING = 1 << 30;

    private final int replay;
    private final int extra;
    private final int capacity;
    private final BufferOverflow overflow;

    // ---- guarded by this
    private Object[] ring = NO_ELEMENTS;
    private long head;
    private long replayIndex;
    private long bufEnd;
    /** Smallest index of a subscriber, or Long.MAX_VALUE without subscribers. */
    private long minSub = Long.MAX_VALUE;
    private final ArrayDeque<Emitter> pending = new ArrayDeque<>();
    private Sub[] subs = NO_SUBS;
    private int nSubs;
    /** How many subscribers have a non-null waiter. */
    private int waitingSubs;
    /** Threads to unpark once the monitor is released: null, a Thread or an ArrayList. */
    private @Nullable Object wakeups;
    // ----
    private volatile @Nullable SharedSubscriptionCount counts;

    /**
     * Creates a shared flow; see {@link MutableSharedFlow#create(int, int, BufferOverflow)}.
     *
     * @param replay how many elements new subscribers receive first
     * @param extraBufferCapacity buffer beyond the replay cache
     * @param overflow what to do when the buffer is full
     */
    public SharedFlowImpl(int replay, int extraBufferCapacity, BufferOverflow overflow) {
        if (replay < 0) {
            throw new IllegalArgumentException("replay must not be negative: " + replay);
        }
        if (extraBufferCapacity < 0) {
            throw new IllegalArgumentException("extraBufferCapacity must not be negative: " + extraBufferCapacity);
        }
        Objects.requireNonNull(overflow, "overflow");
        if (overflow != BufferOverflow.SUSPEND && replay == 0 && extraBufferCapacity == 0) {
            throw new IllegalArgumentException("overflow policy " + overflow
                    + " needs a buffer: replay or extraBufferCapacity must be positive");
        }
        this.replay = replay;
        this.extra = extraBufferCapacity;
        int sum = replay + extraBufferCapacity;
        this.capacity = sum < 0 ? Integer.MAX_VALUE : sum;
        this.overflow = overflow;
    }

    // ------------------------------------------------------------------ emitting

    @Override
    public void emit(T value) {
        Objects.requireNonNull(value, "value");
        Cancellation.check();
        Emitter e = null;
        Object wake;
        synchronized (this) {
            if (!tryEmitLocked(value)) {
                e = new Emitter(value, Thread.currentThread());
                pending.addLast(e);
                if (capacity == 0 && pending.size() == 1) {
                    wakeSubsLocked(); // subscribers read the first pending element directly
                }
            }
            wake = takeWakeupsLocked();
        }
        unparkAll(wake);
        if (e == null) {
            return;
        }
        boolean accepted = false;
        try {
            while (!e.done) {
                LockSupport.park(this);
                Cancellation.check();
            }
            accepted = true;
        } finally {
            if (!accepted) {
                synchronized (this) {
                    withdrawLocked(e);
                    wake = takeWakeupsLocked();
                }
                unparkAll(wake);
            }
        }
    }

    @Override
    public boolean tryEmit(T value) {
        Objects.requireNonNull(value, "value");
        boolean done;
        Object wake;
        synchronized (this) {
            done = tryEmitLocked(value);
            wake = takeWakeupsLocked();
        }
        unparkAll(wake);
        return done;
    }

    /** Emits without suspending if possible; false means the caller must queue as pending. */
    private boolean tryEmitLocked(Object value) {
        if (nSubs == 0) {
            // nobody to wait for: the element only matters for the replay cache
            if (replay > 0) {
                appendLocked(value);
                trimLocked();
            }
            return true;
        }
        if (capacity == 0 || !pending.isEmpty()) {
            return false; // SUSPEND: wait in line
        }
        if (bufEnd - head >= capacity && minSub <= replayIndex) {
            // full, and the oldest element is still owed to a subscriber
            switch (overflow) {
                case SUSPEND:
                    return false;
                case DROP_LATEST:
                    return true;
                case DROP_OLDEST:
                    dropOldestLocked();
                    break;
                default:
                    throw new AssertionError(overflow);
            }
        }
        appendLocked(value);
        trimLocked();
        wakeSubsLocked();
        return true;
    }

    /** Drops the element at head, moving the subscribers that had not taken it past it. */
    private void dropOldestLocked() {
        long newHead = head + 1;
        for (int i = 0; i < nSubs; i++) {
            if (subs[i].index < newHead) {
                subs[i].index = newHead;
            }
        }
        minSub = computeMinSubLocked();
        if (replayIndex < newHead) {
            replayIndex = newHead;
        }
        trimLocked();
    }

    /** Adds an accepted element at bufEnd and keeps the replay cache at most {@code replay} long. */
    private void appendLocked(Object value) {
        if (bufEnd - head == ring.length) {
            grow();
        }
        ring[(int) bufEnd & (ring.length - 1)] = value;
        bufEnd++;
        if (bufEnd - replayIndex > replay) {
            replayIndex = bufEnd - replay;
        }
    }

    private void grow() {
        int len = ring.length;
        if (len >= MAX_RING) {
            throw new IllegalStateException("shared flow buffer cannot hold more than " + MAX_RING + " elements");
        }
        // first ring: the capacity rounded up to a power of two, at most 8; then doubling
        int newLen = len > 0 ? len << 1 : capacity >= 8 ? 8 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        Object[] n = new Object[newLen];
        for (long i = head; i < bufEnd; i++) {
            n[(int) i & (newLen - 1)] = ring[(int) i & (len - 1)];
        }
        ring = n;
    }

    /** Drops every element older than both the replay cache and the slowest subscriber. */
    private void trimLocked() {
        long newHead = Math.min(replayIndex, minSub);
        if (newHead <= head) {
            return;
        }
        if (ring.length > 0) {
            for (long i = head, end = Math.min(newHead, bufEnd); i < end; i++) {
                ring[(int) i & (ring.length - 1)] = null;
            }
        }
        head = newHead;
    }

    /**
     * Moves queued emitters into the buffer while there is room (or all of them when nobody
     * subscribes), resuming them, then drops what is no longer needed.
     */
    private void advanceLocked() {
        boolean added = false;
        while (!pending.isEmpty()) {
            Emitter e = pending.peekFirst();
            if (capacity == 0) {
                if (nSubs > 0 && minSub <= bufEnd) {
                    break; // a subscriber has not taken it yet
                }
                pending.pollFirst();
                bufEnd++;
                replayIndex = bufEnd;
                head = bufEnd;
                if (!e.cancelled) {
                    resumeLocked(e);
                }
                if (!pending.isEmpty()) {
                    added = true; // the next pending element became readable
                }
                continue;
            }
            trimLocked();
            if (nSubs > 0 && bufEnd - head >= capacity && minSub <= replayIndex) {
                break; // still full for the slowest subscriber
            }
            pending.pollFirst();
            appendLocked(Objects.requireNonNull(e.value));
            resumeLocked(e);
            added = true;
        }
        trimLocked();
        if (added && nSubs > 0) {
            wakeSubsLocked();
        }
    }

    /** The caller of a pending emit gives up (cancelled or failed). */
    private void withdrawLocked(Emitter e) {
        if (e.done || e.cancelled) {
            return;
        }
        boolean first = pending.peekFirst() == e;
        if (capacity == 0 && first && anySubPastLocked(bufEnd)) {
            // some subscribers already took it: keep its place so indices stay right, others skip it
            e.cancelled = true;
            e.value = null;
            return;
        }
        pending.remove(e);
        if (capacity == 0 && first && !pending.isEmpty()) {
            wakeSubsLocked();
        }
    }

    private boolean anySubPastLocked(long index) {
        for (int i = 0; i < nSubs; i++) {
            if (subs[i].index > index) {
                return true;
            }
        }
        return false;
    }

    private void wakeSubsLocked() {
        if (waitingSubs == 0) {
            return;
        }
        for (int i = 0; i < nSubs; i++) {
            Sub s = subs[i];
            Thread t = s.waiter;
            if (t != null) {
                s.waiter = null;
                wakeLocked(t);
            }
        }
        waitingSubs = 0;
    }

    private void resumeLocked(Emitter e) {
        e.done = true;
        wakeLocked(e.thread);
    }

    /**
     * Records a thread to unpark once the monitor is released (a thread woken inside would
     * immediately contend for it).
     */
    @SuppressWarnings("unchecked")
    private void wakeLocked(Thread t) {
        Object w = wakeups;
        if (w == null) {
            wakeups = t;
        } else if (w instanceof Thread first) {
            ArrayList<Thread> list = new ArrayList<>(4);
            list.add(first);
            list.add(t);
            wakeups = list;
        } else {
            ((ArrayList<Thread>) w).add(t);
        }
    }

    private @Nullable Object takeWakeupsLocked() {
        Object w = wakeups;
        wakeups = null;
        return w;
    }

    private static void unparkAll(@Nullable Object w) {
        if (w == null) {
            return;
        }
        if (w instanceof Thread t) {
            LockSupport.unpark(t);
            return;
        }
        @SuppressWarnings("unchecked")
        ArrayList<Thread> list = (ArrayList<Thread>) w;
        for (Thread t : list) {
            LockSupport.unpark(t);
        }
    }

    // ------------------------------------------------------------------ collecting

    @Override
    public void collect(FlowCollector<? super T> collector) throws Exception {
        Objects.requireNonNull(collector, "collector");
        Sub s = subscribe();
        try {
            for (;;) {
                collector.emit(take(s));
            }
        } finally {
            unsubscribe(s);
        }
    }

    /**
     * Subscribes at once, on the calling thread, for a consumer that will take the elements later
     * (from another coroutine) with {@link Subscription#next()}.
     *
     * @return the subscription; it must be closed
     */
    Subscription subscribeNow() {
        return new Subscription(subscribe());
    }

    /** A subscription made by {@link #subscribeNow()}. */
    final class Subscription {
        private final Sub sub;

        private Subscription(Sub sub) {
            this.sub = sub;
        }

        /** Suspends until the next element and takes it. */
        T next() {
            return take(sub);
        }

        /** Unsubscribes; idempotent. */
        void close() {
            unsubscribe(sub);
        }
    }

    private Sub subscribe() {
        Sub s = new Sub();
        synchronized (this) {
            s.index = replayIndex;
            if (nSubs == subs.length) {
                subs = Arrays.copyOf(subs, Math.max(4, nSubs * 2));
            }
            subs[nSubs++] = s;
            if (s.index < minSub) {
                minSub = s.index;
            }
            publishCountLocked();
        }
        return s;
    }

    private void unsubscribe(Sub s) {
        Object wake;
        synchronized (this) {
            if (s.removed) {
                return;
            }
            s.removed = true;
            for (int i = 0; i < nSubs; i++) {
                if (subs[i] == s) {
                    subs[i] = subs[--nSubs];
                    subs[nSubs] = null;
                    break;
                }
            }
            if (s.waiter != null) {
                s.waiter = null;
                waitingSubs--;
            }
            if (s.index <= minSub) {
                minSub = computeMinSubLocked();
            }
            advanceLocked();
            publishCountLocked();
            wake = takeWakeupsLocked();
        }
        unparkAll(wake);
    }

    @SuppressWarnings("unchecked")
    private T take(Sub s) {
        for (;;) {
            Cancellation.check();
            Object v;
            Object wake;
            synchronized (this) {
                if (s.waiter != null) { // woken by something else than new data
                    s.waiter = null;
                    waitingSubs--;
                }
                v = tryTakeLocked(s);
                if (v == NONE) {
                    s.waiter = Thread.currentThread();
                    waitingSubs++;
                }
                wake = takeWakeupsLocked();
            }
            unparkAll(wake);
            if (v != NONE) {
                return (T) v;
            }
            LockSupport.park(this);
        }
    }

    private Object tryTakeLocked(Sub s) {
        for (;;) {
            long i = s.index;
            if (i < bufEnd) {
                Object v = ring[(int) i & (ring.length - 1)];
                s.index = i + 1;
                subAdvancedLocked(i);
                return v;
            }
            if (capacity == 0 && i == bufEnd && !pending.isEmpty()) {
                Emitter e = pending.peekFirst();
                Object v = e.value;
                s.index = i + 1;
                subAdvancedLocked(i);
                if (v == null) {
                    continue; // its emitter gave up: skip it
                }
                return v;
            }
            return NONE;
        }
    }

    private void subAdvancedLocked(long oldIndex) {
        if (oldIndex == minSub) {
            minSub = computeMinSubLocked();
            advanceLocked();
        }
    }

    private long computeMinSubLocked() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < nSubs; i++) {
            min = Math.min(min, subs[i].index);
        }
        return min;
    }

    // ------------------------------------------------------------------ state

    @Override
    @SuppressWarnings("unchecked")
    public List<T> replayCache() {
        synchronized (this) {
            int n = (int) (bufEnd - replayIndex);
            Object[] out = new Object[n];
            for (int k = 0; k < n; k++) {
                out[k] = ring[(int) (replayIndex + k) & (ring.length - 1)];
            }
            return (List<T>) List.of(out);
        }
    }

    @Override
    public void resetReplayCache() {
        Object wake;
        synchronized (this) {
            replayIndex = bufEnd;
            advanceLocked();
            wake = takeWakeupsLocked();
        }
        unparkAll(wake);
    }

    @Override
    public StateFlow<Integer> subscriptionCount() {
        return counter();
    }

    /** @return the subscription counter, created on first use */
    SharedSubscriptionCount counter() {
        SharedSubscriptionCount c = counts;
        if (c == null) {
            synchronized (this) {
                c = counts;
                if (c == null) {
                    c = new SharedSubscriptionCount(nSubs);
                    counts = c;
                }
            }
        }
        return c;
    }

    private void publishCountLocked() {
        SharedSubscriptionCount c = counts;
        if (c != null) {
            c.set(nSubs);
        }
    }

    /** @return the number of buffered elements, replay cache included */
    synchronized int bufferedCount() {
        return (int) (bufEnd - head);
    }

    /** @return the number of emitters suspended for buffer space */
    synchronized int suspendedEmitters() {
        int n = 0;
        for (Emitter e : pending) {
            if (!e.cancelled) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        synchronized (this) {
            return "MutableSharedFlow(replay=" + replay + ", extraBufferCapacity=" + extra + ", overflow=" + overflow
                    + ", subscribers=" + nSubs + ", buffered=" + (bufEnd - head) + ")";
        }
    }

    // ------------------------------------------------------------------ records

    /** A subscriber: its next index and, while parked, its thread. Guarded by the flow. */
    private static final class Sub {
        long index;
        @Nullable Thread waiter;
        boolean removed;
    }

    /** An emit waiting for buffer space. */
    private static final class Emitter {
        /** null once withdrawn while some subscribers had already taken it (capacity 0). */
        @Nullable Object value;
        final Thread thread;
        volatile boolean done;
        boolean cancelled;

        Emitter(Object value, Thread thread) {
            this.value = value;
            this.thread = thread;
        }

    }
}
