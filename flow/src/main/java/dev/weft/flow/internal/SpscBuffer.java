package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The handoff of a {@code buffer}/{@code flowOn} boundary whose producer is one sequential flow
 * collection: a bounded single-producer single-consumer ring, lock-free, that parks only when it
 * is empty (the consumer) or full (the producer).
 *
 * <p><b>Wake-ups.</b> A parked consumer is woken by the first element put after it parked. A
 * parked producer is woken only once the consumer has drained the ring to half its capacity, so
 * a fast producer and a slow consumer exchange one wake-up per half buffer, not per element
 * (the replenishment threshold of Reactive Streams prefetching, here without request counting).
 *
 * <p><b>Spinning.</b> When the two sides run on different threads by construction (a
 * {@code flowOn} to another dispatcher, or a collector that is not a coroutine), a side that
 * finds the ring empty or full spins for a while before it parks: the peer is usually running
 * and about to make room or put an element, while a park costs the peer an operating-system
 * wake-up of ours (tens of microseconds) on the next handoff, which for a 64-element buffer is
 * more than the 64 elements take. The spin is adaptive per side: after a park, the time the wait
 * really took sets the next budget (twice that time, at most {@link #MAX_SPIN_NANOS}), and waits
 * longer than the maximum halve it, so a slow peer (one that waits for I/O between elements) is
 * soon waited for by parking alone; eight failed spins in a row switch spinning off, bar one probe
 * every 1024 waits (the guard against two sides that share a thread after all, for instance two
 * dispatchers over one single-threaded executor). On one dispatcher ({@code buffer}) the two coroutines usually
 * share a carrier, where a spin would only delay the peer it waits for: no spin there.
 * Parking follows weft's rule: check the condition, park, check cancellation, repeat.
 *
 * <p><b>Memory.</b> The producer publishes each element with a volatile store and then looks for a
 * parked consumer; the consumer announces itself (volatile) and re-checks before parking, so the
 * two cannot miss each other. The consumer frees slots with release stores only, and pays the
 * full fence of the same check for a parked producer once per crossing of the half-way mark (and
 * before it parks itself): a producer parks only on a full ring, and the consumer always drains
 * through that mark afterwards, so the one check is enough.
 *
 * @param <T> the element type
 */
final class SpscBuffer<T> {
    /** Returned by {@link #take()} once the producer has completed and the ring is drained. */
    static final Object END = new Object();

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle PRODUCER_WAITER;
    private static final VarHandle CONSUMER_WAITER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PRODUCER_INDEX = l.findVarHandle(SpscBuffer.class, "producerIndex", long.class);
            CONSUMER_INDEX = l.findVarHandle(SpscBuffer.class, "consumerIndex", long.class);
            PRODUCER_WAITER = l.findVarHandle(SpscBuffer.class, "producerWaiter", Thread.class);
            CONSUMER_WAITER = l.findVarHandle(SpscBuffer.class, "consumerWaiter", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The longest a side spins before parking (when it spins at all). */
    static final long MAX_SPIN_NANOS = 50_000;
    /** Spins shorter than this are not worth starting. */
    private static final long MIN_SPIN_NANOS = 1_000;
    private static final boolean MULTI_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private final Object[] ring;
    private final int mask;
    private final int capacity;
    private final int wakeProducerAt;
    private final boolean spins;

    // written by the producer
    private volatile long producerIndex;
    private volatile boolean done;
    private @Nullable Throwable failure;
    /** Producer only: a consumer index read earlier (never ahead of the real one). */
    private long knownConsumerIndex;
    /** Producer only: its spin on a full ring. */
    private final Spin producerSpin = new Spin();
    // written by the consumer
    private volatile long consumerIndex;
    /** Consumer only: a producer index read earlier (never ahead of the real one). */
    private long knownProducerIndex;
    /** Consumer only: whether the parked-producer check ran since {@link #knownProducerIndex} was read. */
    private boolean producerChecked;
    /** Consumer only: its spin on an empty ring. */
    private final Spin consumerSpin = new Spin();
    private volatile @Nullable Thread producerWaiter;
    private volatile @Nullable Thread consumerWaiter;

    /**
     * @param capacity the number of elements the ring holds, at least 1
     * @param peersOnOtherThreads whether producer and consumer run on different threads by
     *     construction, so that spinning before parking can pay
     */
    SpscBuffer(int capacity, boolean peersOnOtherThreads) {
        this.spins = peersOnOtherThreads && MULTI_CORE;
        int len = 1;
        while (len < capacity) {
            len <<= 1;
        }
        this.ring = new Object[len];
        this.mask = len - 1;
        this.capacity = capacity;
        this.wakeProducerAt = capacity >> 1;
    }

    // ---------------------------------------------------------------- producer side

    /** Puts {@code e}, suspending the producer while the ring is full. */
    void put(T e) {
        java.util.Objects.requireNonNull(e, "emitted value must not be null");
        long p = (long) PRODUCER_INDEX.getOpaque(this);
        if (p - knownConsumerIndex >= capacity && p - (knownConsumerIndex = consumerIndex) >= capacity) {
            awaitSpace(p);
        }
        ring[(int) p & mask] = e;
        producerIndex = p + 1; // volatile: publishes the slot, and orders it before the read below
        Thread w = consumerWaiter;
        if (w != null && CONSUMER_WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    private void awaitSpace(long p) {
        long start = 0;
        boolean spun = false;
        if (spins) {
            start = System.nanoTime();
            long budget = producerSpin.budget();
            if (budget > 0) {
                spun = true;
                for (int i = 1; ; i++) {
                    Thread.onSpinWait();
                    if (p - (knownConsumerIndex = consumerIndex) < capacity) {
                        producerSpin.succeeded();
                        return;
                    }
                    if ((i & 15) == 0 && System.nanoTime() - start > budget) {
                        break;
                    }
                }
            }
        }
        Thread me = Thread.currentThread();
        for (;;) {
            Cancellation.check();
            producerWaiter = me;
            if (p - (knownConsumerIndex = consumerIndex) < capacity) {
                PRODUCER_WAITER.compareAndSet(this, me, null);
                return;
            }
            LockSupport.park(this);
            PRODUCER_WAITER.compareAndSet(this, me, null);
            if (p - (knownConsumerIndex = consumerIndex) < capacity) {
                if (spins) {
                    producerSpin.parked(spun, System.nanoTime() - start);
                }
                return;
            }
        }
    }

    /**
     * One side's adaptive spin, used by that side only. The budget follows how long waits really
     * take (see the class comment). Spins that keep failing, which is also what happens if the two
     * sides turn out to share one thread (a spin there only holds up the peer), switch spinning off
     * after {@link #GIVE_UP_AFTER} in a row, and so does a budget worn down by long waits; one
     * wait in {@link #PROBE_EVERY} then tries again, and a probe that succeeds turns it back on.
     */
    static final class Spin {
        static final int GIVE_UP_AFTER = 8;
        static final int PROBE_EVERY = 1024;
        /** The spin of a probe when the budget has worn down below {@link #MIN_SPIN_NANOS}. */
        static final long PROBE_NANOS = 10_000;

        long budget = MAX_SPIN_NANOS;
        int failures;
        private int waits;

        /** @return how long to spin before this wait's park, 0 for not at all */
        long budget() {
            waits++;
            if (failures < GIVE_UP_AFTER && budget >= MIN_SPIN_NANOS) {
                return budget;
            }
            // off (failures in a row, or a budget worn down by long waits): probe now and then
            return waits % PROBE_EVERY == 0 ? Math.max(budget, PROBE_NANOS) : 0;
        }

        void succeeded() {
            failures = 0;
            if (budget < MIN_SPIN_NANOS) {
                budget = PROBE_NANOS; // a probe that worked: spinning is back on
            }
        }

        /** The side had to park; {@code spun}: after a spin; the whole wait took {@code waited}. */
        void parked(boolean spun, long waited) {
            if (spun) {
                failures++;
            }
            budget = waited < MAX_SPIN_NANOS ? Math.min(MAX_SPIN_NANOS, 2 * waited) : budget >> 1;
        }
    }

    /** The producer has ended, normally ({@code null}) or with {@code cause}; first call wins. */
    void complete(@Nullable Throwable cause) {
        synchronized (this) {
            if (done) {
                return;
            }
            failure = cause;
            done = true;
        }
        Thread w = (Thread) CONSUMER_WAITER.getAndSet(this, null);
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    // ---------------------------------------------------------------- consumer side

    /**
     * Takes the next element, suspending the consumer while the ring is empty.
     *
     * @return the element, or {@link #END} once the producer has completed and all was taken
     */
    Object take() {
        long c = (long) CONSUMER_INDEX.getOpaque(this);
        if (c == knownProducerIndex) {
            long p = producerIndex;
            if (p == c) {
                wakeProducer(); // it cannot be parked on a full ring now, but never leave it behind
                if (!awaitElement(c)) {
                    return END;
                }
                p = producerIndex;
            }
            knownProducerIndex = p;
            producerChecked = false;
        }
        int slot = (int) c & mask;
        Object e = ring[slot];
        ring[slot] = null;
        CONSUMER_INDEX.setRelease(this, c + 1);
        if (!producerChecked && knownProducerIndex - (c + 1) <= wakeProducerAt) {
            producerChecked = true;
            VarHandle.fullFence(); // the store above before the read of producerWaiter (Dekker with awaitSpace)
            wakeProducer();
        }
        return e;
    }

    private void wakeProducer() {
        Thread w = producerWaiter;
        if (w != null && PRODUCER_WAITER.compareAndSet(this, w, null)) {
            LockSupport.unpark(w);
        }
    }

    /** @return true when an element is there, false when the producer is done and none is left */
    private boolean awaitElement(long c) {
        long start = 0;
        boolean spun = false;
        if (spins) {
            start = System.nanoTime();
            long budget = consumerSpin.budget();
            if (budget > 0) {
                spun = true;
                for (int i = 1; ; i++) {
                    Thread.onSpinWait();
                    if (producerIndex != c || done) {
                        consumerSpin.succeeded();
                        spun = false; // no park follows
                        break; // the loop below sorts out which
                    }
                    if ((i & 15) == 0 && System.nanoTime() - start > budget) {
                        break;
                    }
                }
            }
        }
        boolean parked = false;
        Thread me = Thread.currentThread();
        for (;;) {
            if (producerIndex != c || done) {
                if (parked) {
                    consumerSpin.parked(spun, System.nanoTime() - start);
                }
                return producerIndex != c; // elements put before completing are still taken
            }
            Cancellation.check();
            consumerWaiter = me;
            if (producerIndex != c || done) {
                CONSUMER_WAITER.compareAndSet(this, me, null);
                continue;
            }
            LockSupport.park(this);
            parked = spins;
            CONSUMER_WAITER.compareAndSet(this, me, null);
        }
    }

    /** For tests: the consumer's spin state. */
    Spin consumerSpin() {
        return consumerSpin;
    }

    /** For tests: the producer's spin state. */
    Spin producerSpin() {
        return producerSpin;
    }

    /** @return the producer's failure, once {@link #take()} returned {@link #END} */
    synchronized @Nullable Throwable failure() {
        return failure;
    }
}
