package dev.weft.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The carriers of a multi-thread weft dispatcher: a fixed set of platform threads, each with a
 * local FIFO queue, plus one shared queue, with work stealing. It exists for one reason: a
 * coroutine woken by a coroutine of the same dispatcher should not cost an operating-system
 * wake-up. A {@link java.util.concurrent.ForkJoinPool} signals an idle worker on (nearly) every
 * push, so each channel or flow handoff between two coroutines paid a futex wake of a parked
 * carrier (about 2 µs here, against a ~0.25 µs virtual-thread switch).
 *
 * <h2>Scheduling rules</h2>
 * <ul>
 * <li><b>Where a task goes.</b> A continuation submitted on a carrier of this scheduler (a
 *     coroutine waking another, or yielding) joins that carrier's local queue; any other
 *     submission (a timer, a platform thread, a coroutine of another dispatcher) joins the shared
 *     queue.</li>
 * <li><b>Who is woken.</b> Carriers are <i>running</i>, <i>searching</i> (spinning over the queues,
 *     then, while another carrier is running, napping {@value #NAP_MICROS} µs at a time) or
 *     <i>idle</i> (parked until claimed). A local push wakes an idle carrier only when no carrier
 *     is searching: a searching carrier finds the task by itself within one nap, and meanwhile the
 *     waker's carrier usually runs it as soon as the waker parks, which is what a handoff wants.
 *     The start of a new coroutine is fan-out, not a handoff (the launcher goes on running), and a
 *     shared-queue task has no owner: both also cut a napping carrier's nap short. A searcher that
 *     finds work while it was the last searcher wakes one idle carrier, so parallelism ramps up
 *     one carrier at a time.</li>
 * <li><b>Naps only beside a running carrier.</b> Only a running carrier can leave a task behind
 *     for a searcher to steal, so a searcher that sees no other carrier running parks as idle
 *     right after its spin instead of napping. An outside submission costs one wake-up either
 *     way (it pokes a napper or wakes an idle carrier), but carriers napping with nothing to
 *     watch woke every {@value #NAP_MICROS} µs for a millisecond after each request and competed
 *     for the cores with the threads that submit and wait: a single {@code mono{}} round trip
 *     from a platform thread took 17-18% longer with them (ADR 0003).</li>
 * <li><b>Order.</b> A carrier runs its local queue in FIFO order and looks at the shared queue
 *     first on every {@value #SHARED_QUEUE_INTERVAL}th task, so a coroutine looping on
 *     {@code yieldNow()} cannot starve coroutines woken from outside, and local work cannot starve
 *     the shared queue.</li>
 * <li><b>Stealing.</b> A searching carrier takes the oldest task of another carrier's queue, one at
 *     a time, except a <i>fresh</i> one: the only task in the queue, pushed as a wake-up by the
 *     coroutine its carrier is still running (see {@code findElsewhere}). The worst case for a
 *     task pushed locally while its carrier stays busy is therefore one nap of latency if a
 *     carrier is searching, and an operating-system wake-up of an idle carrier plus its spin and
 *     one nap if none is (kotlinx.coroutines' scheduler makes the same trade with its 100 µs
 *     stealing resolution).</li>
 * </ul>
 * A continuation is the virtual thread's own, constant {@code Runnable}; the JDK never submits it
 * twice at once, which the local queue's slot clearing relies on.
 */
final class CarrierScheduler extends AbstractExecutorService {
    /** Local queue capacity per carrier (a power of two); beyond it, pushes go to the shared queue. */
    private static final int LOCAL_CAPACITY = 256;
    private static final int MASK = LOCAL_CAPACITY - 1;
    /** Every this many tasks, a carrier polls the shared queue before its local one. */
    static final int SHARED_QUEUE_INTERVAL = 61;
    /** Scans over all queues a searcher makes before its first nap. */
    private static final int SPIN_SCANS = 32;
    static final long NAP_MICROS = 50;
    private static final long NAP_NANOS = NAP_MICROS * 1_000;
    /**
     * Naps with nothing found before a searcher parks as idle (about a millisecond in all), taken
     * only while another carrier is running.
     */
    private static final int NAPS_BEFORE_IDLE = 20;

    private static final long VERSION_UNIT = 1L << 32;
    private static final long INDEX_MASK = VERSION_UNIT - 1;

    private static final VarHandle RING = MethodHandles.arrayElementVarHandle(Runnable[].class);
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle PARKED;
    private static final VarHandle TICKS;
    private static final VarHandle IDLE_TOP;
    private static final VarHandle SEARCHING;
    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(Worker.class, "head", long.class);
            TAIL = l.findVarHandle(Worker.class, "tail", long.class);
            PARKED = l.findVarHandle(Worker.class, "parked", int.class);
            TICKS = l.findVarHandle(Worker.class, "ticks", long.class);
            IDLE_TOP = l.findVarHandle(CarrierScheduler.class, "idleTop", long.class);
            SEARCHING = l.findVarHandle(CarrierScheduler.class, "searching", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final Worker[] workers;
    private final ConcurrentLinkedQueue<Runnable> shared = new ConcurrentLinkedQueue<>();
    /** Treiber stack of idle workers: (version << 32) | (index + 1); 0 when empty. */
    @SuppressWarnings("unused") // through IDLE_TOP
    private volatile long idleTop;
    /** Carriers currently searching (spinning or napping), including those just claimed from idle. */
    private volatile int searching;
    private volatile boolean shutdown;

    /**
     * Starts {@code threads} daemon carriers named {@code name-1 .. name-N}.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    CarrierScheduler(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.name = Objects.requireNonNull(name, "name");
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(this, i, name + "-" + (i + 1));
        }
        for (Worker w : workers) {
            w.start();
        }
    }

    // ---------------------------------------------------------------- submission

    /**
     * Starts a new coroutine's virtual thread. A start is fan-out, not a handoff: whoever launches
     * usually goes on running, so the new coroutine's first continuation is marked stealable at
     * once and a searching carrier is made to look now (see {@link #execute}).
     */
    void start(Thread t) {
        Worker w = currentWorker();
        if (w == null) {
            t.start(); // from outside: the shared queue, which wakes a carrier anyway
            return;
        }
        boolean outer = w.starting;
        w.starting = true;
        try {
            t.start();
        } finally {
            w.starting = outer;
        }
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            // weft shuts carriers down only after their last coroutine ended: this is a bug, say so
            throw new RejectedExecutionException("carriers of " + name + " are shut down");
        }
        Worker w = currentWorker();
        if (w != null && w.push(task, w.starting)) {
            // the volatile tail store in push orders the task before these reads (Dekker with parkIdle);
            // <= 0, not == 0: see wakeIdle on why the count can be -1 for a moment
            if (searching <= 0) {
                wakeIdle();
            } else if (w.starting) {
                pokeNapper();
            }
        } else {
            shared.offer(task);
            VarHandle.fullFence();
            if (searching <= 0) {
                wakeIdle();
            } else {
                pokeNapper();
            }
        }
    }

    /** @return the carrier of this scheduler the caller runs on (directly or under a virtual thread), or null */
    private @Nullable Worker currentWorker() {
        return VirtualThreads.currentCarrier() instanceof Worker w && w.scheduler == this ? w : null;
    }

    // ---------------------------------------------------------------- idle carriers

    /**
     * Claims one idle carrier, counts it as searching and unparks it. The claim comes before the
     * count, so a claimed carrier that had not parked yet (or that a stale permit woke) can find a
     * task and uncount itself first: {@code searching} then reads one less than the carriers really
     * searching, down to -1 with none. Readers therefore treat any value {@code <= 0} as "nobody
     * is searching". @return whether one was woken
     */
    private boolean wakeIdle() {
        for (;;) {
            long top = idleTop;
            int index = (int) (top & INDEX_MASK) - 1;
            if (index < 0) {
                return false;
            }
            Worker w = workers[index];
            long next = ((top & ~INDEX_MASK) + VERSION_UNIT) | (w.nextIdle & INDEX_MASK);
            if (IDLE_TOP.compareAndSet(this, top, next)) {
                w.inStack = false; // before the claim below: see parkIdle
                if (PARKED.compareAndSet(w, 1, 0)) {
                    SEARCHING.getAndAdd(this, 1);
                    LockSupport.unpark(w);
                    return true;
                }
                // it woke by itself (stale entry): try the next one
            }
        }
    }

    private void pushIdle(Worker w) {
        w.inStack = true;
        for (;;) {
            long top = idleTop;
            w.nextIdle = (int) (top & INDEX_MASK);
            long next = ((top & ~INDEX_MASK) + VERSION_UNIT) | (w.index + 1);
            if (IDLE_TOP.compareAndSet(this, top, next)) {
                return;
            }
        }
    }

    /** Shortens one searcher's nap so a shared-queue task does not wait for it. */
    private void pokeNapper() {
        for (Worker w : workers) {
            if (w.napping) {
                w.napping = false;
                LockSupport.unpark(w);
                return;
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        List<Runnable> left = new ArrayList<>();
        Runnable r;
        while ((r = shared.poll()) != null) {
            left.add(r);
        }
        for (Worker w : workers) {
            while ((r = w.poll()) != null) {
                left.add(r);
            }
        }
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        if (!shutdown) {
            return false;
        }
        for (Worker w : workers) {
            if (w.isAlive()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Worker w : workers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !w.join(java.time.Duration.ofNanos(left))) {
                return isTerminated();
            }
        }
        return isTerminated();
    }

    /**
     * Whether a carrier other than {@code self} is running a task: only such a carrier can leave a
     * task behind for a searcher to steal, so searching beside it is worth a nap. Why a stale
     * answer never strands a task: a carrier clears {@code inSearch} before it runs a task, so
     * before it can push one, and no task runs with {@code inSearch} set. A searcher that sees the
     * pushed task (in a scan, or in {@code parkIdle}'s re-check after it is on the idle stack)
     * therefore also sees its owner running, and naps until it can steal it; a stale "no" costs a
     * park attempt and one more spin, never the task.
     */
    private boolean anyOtherRunning(Worker self) {
        for (Worker w : workers) {
            if (w != self && !w.inSearch) {
                return true;
            }
        }
        return false;
    }

    private boolean anyWork() {
        if (!shared.isEmpty()) {
            return true;
        }
        for (Worker w : workers) {
            if (w.size() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * One scan for work that is not the caller's own: the shared queue, then the other carriers'
     * queues. A task pushed by the coroutine its carrier is still running is <i>fresh</i>: that
     * carrier will most likely run it next, as soon as the waker parks, so stealing it would only
     * bounce a handoff between carriers. Fresh tasks are taken only from a carrier seen
     * {@code stuck} (same task since the thief's previous scan, a nap ago).
     */
    private @Nullable Runnable findElsewhere(Worker self, boolean afterNap) {
        Runnable r = shared.poll();
        if (r != null) {
            return r;
        }
        Worker[] ws = workers;
        int n = ws.length;
        if (n > 1) {
            int start = ThreadLocalRandom.current().nextInt(n);
            for (int i = 0; i < n; i++) {
                int v = start + i < n ? start + i : start + i - n;
                Worker victim = ws[v];
                if (victim != self) {
                    long ticks = victim.ticks();
                    boolean stuck = afterNap && self.seenTicks[v] == ticks;
                    self.seenTicks[v] = ticks;
                    if ((r = victim.steal(stuck)) != null) {
                        return r;
                    }
                }
            }
        }
        return self.poll(); // a task may have landed locally (a yield of a coroutine just run)
    }

    // ---------------------------------------------------------------- carriers

    /** A carrier thread with its local queue. */
    static final class Worker extends Thread {
        final CarrierScheduler scheduler;
        final int index;
        private final Runnable[] ring = new Runnable[LOCAL_CAPACITY];
        /** For each slot, the value of {@link #ticks} when its task was pushed. */
        private final long[] stamps = new long[LOCAL_CAPACITY];
        /** As a thief: each carrier's {@link #ticks} at this carrier's previous scan. */
        final long[] seenTicks;
        /** Next slot to take; advanced by CAS by the owner and by thieves. */
        @SuppressWarnings("unused") // through HEAD
        private volatile long head;
        /** Next slot to fill; written only by this carrier (or a virtual thread mounted on it). */
        @SuppressWarnings("unused") // through TAIL
        private volatile long tail;
        /** 1 while parking as idle; a waker claims the carrier by CAS to 0. */
        @SuppressWarnings("unused") // through PARKED
        private volatile int parked;
        volatile boolean inStack;
        volatile int nextIdle;
        volatile boolean napping;
        /**
         * True from the moment this carrier starts searching until it takes a task again, idle
         * time included. False while it runs a task, and also before its first search and for the
         * moment between counting itself as searching and setting this: both only cost a searcher
         * beside it a nap. It must never be true while a task runs (see {@code anyOtherRunning}).
         */
        volatile boolean inSearch;
        /** Naps taken so far; written by this carrier only, read by tests. */
        int napsTaken;
        /** Set while a coroutine running on this carrier starts another one. */
        boolean starting;
        /** Tasks started by this carrier; read by thieves to tell fresh tasks from waiting ones. */
        @SuppressWarnings("unused") // through TICKS
        private volatile long ticks;

        Worker(CarrierScheduler scheduler, int index, String name) {
            super(null, null, name, 0, false);
            this.scheduler = scheduler;
            this.index = index;
            this.seenTicks = new long[scheduler.workers.length];
            setDaemon(true);
        }

        /**
         * Owner only. A {@code stealable} task is never treated as fresh.
         *
         * @return false if the local queue is full
         */
        boolean push(Runnable task, boolean stealable) {
            long t = (long) TAIL.getOpaque(this);
            if (t - (long) HEAD.getVolatile(this) >= LOCAL_CAPACITY) {
                return false;
            }
            int i = (int) t & MASK;
            stamps[i] = stealable ? -1 : (long) TICKS.getOpaque(this);
            RING.setRelease(ring, i, task);
            TAIL.setVolatile(this, t + 1);
            return true;
        }

        /** Takes the oldest task, fresh or not; called by the owner and by thieves. */
        @Nullable Runnable poll() {
            return steal(true);
        }

        /**
         * Takes the oldest task, unless it is fresh (pushed during the task this carrier is running
         * now, alone in the queue) and {@code takeFresh} is false. The slot is cleared unless the
         * owner has already refilled it (then it holds another task: the taken one is a
         * continuation, which the JDK cannot submit again before it has run).
         */
        @Nullable Runnable steal(boolean takeFresh) {
            for (;;) {
                long h = (long) HEAD.getVolatile(this);
                long t = (long) TAIL.getVolatile(this);
                if (h >= t) {
                    return null;
                }
                int i = (int) h & MASK;
                Runnable r = (Runnable) RING.getAcquire(ring, i);
                if (!takeFresh && stamps[i] == (long) TICKS.getOpaque(this) && t - h == 1) {
                    return null; // its only task, just pushed: leave it to its carrier
                }
                if (r != null && HEAD.compareAndSet(this, h, h + 1)) {
                    RING.compareAndSet(ring, i, r, null);
                    return r;
                }
                Thread.onSpinWait();
            }
        }

        long ticks() { // never negative: -1 marks a stealable stamp
            return (long) TICKS.getOpaque(this);
        }

        int size() {
            long n = (long) TAIL.getVolatile(this) - (long) HEAD.getVolatile(this);
            return n > 0 ? (int) n : 0;
        }

        @Override
        public void run() {
            CarrierScheduler s = scheduler;
            for (;;) {
                Runnable task = next(s);
                if (task == null) {
                    task = search(s);
                    if (task == null) {
                        return; // shut down and drained
                    }
                }
                try {
                    task.run();
                } catch (Throwable e) {
                    Log.warn("a continuation threw on carrier " + getName(), e);
                }
            }
        }

        private @Nullable Runnable next(CarrierScheduler s) {
            Runnable r;
            long tick = (long) TICKS.getOpaque(this) + 1;
            TICKS.setOpaque(this, tick);
            if (tick % SHARED_QUEUE_INTERVAL == 0 && (r = s.shared.poll()) != null) {
                return r;
            }
            r = poll();
            return r != null ? r : s.shared.poll();
        }

        /**
         * Searches until a task turns up; counts this carrier as searching meanwhile. Spins over
         * the queues, then naps while another carrier is running, then parks as idle.
         * @return null only once shut down and drained
         */
        private @Nullable Runnable search(CarrierScheduler s) {
            SEARCHING.getAndAdd(s, 1);
            inSearch = true;
            int naps = 0;
            boolean afterNap = false;
            for (;;) {
                for (int i = 0; i < SPIN_SCANS; i++) {
                    Runnable r = s.findElsewhere(this, afterNap && i == 0);
                    if (r != null) {
                        foundWhileSearching(s);
                        return r;
                    }
                    Thread.onSpinWait();
                }
                if (s.shutdown && !s.anyWork()) {
                    SEARCHING.getAndAdd(s, -1);
                    return null;
                }
                if (naps++ < NAPS_BEFORE_IDLE && s.anyOtherRunning(this)) {
                    napsTaken++;
                    napping = true;
                    if (s.shared.isEmpty()) {
                        LockSupport.parkNanos(s, NAP_NANOS);
                    }
                    napping = false;
                    afterNap = true;
                    continue;
                }
                SEARCHING.getAndAdd(s, -1);
                parkIdle(s); // returns counted as searching again
                naps = 0;
                afterNap = false;
            }
        }

        /** Leaves the searching state with a task; if it was the last searcher, hands the role on. */
        private void foundWhileSearching(CarrierScheduler s) {
            inSearch = false;
            int left = (int) SEARCHING.getAndAdd(s, -1) - 1;
            if (left <= 0 && s.anyWork()) { // -1: its waker has not counted it yet (see wakeIdle)
                s.wakeIdle();
            }
        }

        /**
         * Parks until a waker claims this carrier or work shows up; returns counted as searching.
         * The order of the volatile accesses is what makes it safe: set {@code parked}, then read
         * {@code inStack} (a waker clears {@code inStack} before it tries to claim), then push, then
         * re-scan (a submitter publishes its task before it reads {@code searching} and the stack).
         */
        private void parkIdle(CarrierScheduler s) {
            PARKED.setVolatile(this, 1);
            if (!inStack) {
                s.pushIdle(this);
            }
            if (s.anyWork() || s.shutdown) {
                if (PARKED.compareAndSet(this, 1, 0)) {
                    SEARCHING.getAndAdd(s, 1); // self-claimed; the stale stack entry is skipped later
                }
                return;
            }
            while ((int) PARKED.getVolatile(this) == 1) {
                if (s.shutdown) {
                    if (PARKED.compareAndSet(this, 1, 0)) {
                        SEARCHING.getAndAdd(s, 1);
                    }
                    return;
                }
                LockSupport.park(s);
                Thread.interrupted(); // nobody should interrupt a carrier; never let it spin the loop
            }
        }
    }
}
