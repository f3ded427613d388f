package dev.weft.test.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.Disposable;
import dev.weft.core.TimeSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The carrier and the virtual clock of one {@code runTest}: an {@link Executor} whose one platform
 * thread runs the test dispatcher's continuations in FIFO order, and a {@link TimeSource} whose
 * time moves only here. The rule for moving it is in docs/adr/0010-virtual-time.md:
 * <ul>
 *   <li>The clock moves only when the test dispatcher is <em>idle</em>: its run queue is empty and
 *   its carrier is between tasks, i.e. every coroutine of the dispatcher is parked.</li>
 *   <li>When idle it moves to the earliest pending deadline (weft timers and the installed
 *   Reactor/RxJava test schedulers), if an advance request asks for it or automatic advance is on.</li>
 *   <li>Before moving it forward it asks the {@link RealTimeProbe} whether a coroutine of the test
 *   waits on real time; if so the clock holds, and a hold longer than the limit is reported as a
 *   divergence.</li>
 * </ul>
 */
public final class VirtualScheduler implements Executor, TimeSource {
    /** Pending deadlines of a scheduler that is not weft's (Reactor's, RxJava's), driven by this clock. */
    public interface ExternalClock {
        /**
         * Returns when this scheduler's earliest pending task is due.
         *
         * @return its virtual time, or {@link Long#MAX_VALUE} if none is pending
         */
        long nextDeadline();

        /**
         * Runs this scheduler's tasks due at or before {@code now}; called on the carrier thread.
         *
         * @param now the virtual time reached
         */
        void advanceTo(long now);
    }

    /** Finds the coroutines of the test that wait on real time; empty when there are none. */
    public interface RealTimeProbe {
        /**
         * Looks for coroutines of the test that wait on real time.
         *
         * @return a description of each, empty if none
         */
        List<String> realTimeWaiters();

        /**
         * Reports that the clock was held longer than the limit; called once, on the carrier.
         *
         * @param virtualDeadline the deadline the clock would have jumped to
         * @param heldNanos how long the clock was held, in real nanoseconds
         * @param waiters what the last probe found
         */
        void diverged(long virtualDeadline, long heldNanos, List<String> waiters);
    }

    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long STUCK_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final ArrayDeque<Advance> requests = new ArrayDeque<>();
    private final List<ExternalClock> externals = new CopyOnWriteArrayList<>();
    private final boolean autoAdvance;
    private final long realTimeWaitLimitNanos;
    private volatile long now;
    private long seq;
    private boolean stopped;
    private @Nullable RealTimeProbe probe;
    private @Nullable BackgroundTest background;
    private boolean divergenceReported;
    private long holdingSince = -1;
    /**
     * Runs the probe, timer actions and the Reactor/RxJava schedulers' tasks: never the carrier. That
     * code takes monitors (a job's, to cancel it or list its children) that a coroutine of the test
     * dispatcher may hold or be handed while unmounted; the coroutine needs the carrier to go on, so
     * a carrier blocked on such a monitor would deadlock the test.
     */
    private final java.util.concurrent.ExecutorService helper;
    private volatile @Nullable Thread helperThread;
    /** Set by the helper, under the lock, while it fires the actions of one instant. */
    private boolean firing;
    /** Tasks the carrier ran while waiting for the helper; under the lock. */
    private long tasksServed;

    /** Tells whether the calling code runs in the test's background scope. */
    public interface BackgroundTest {
        /**
         * Tells whether a timer scheduled by the calling code belongs to background work.
         *
         * @return {@code true} in the test's background scope
         */
        boolean callerIsBackground();
    }

    /**
     * Creates the scheduler of one test.
     *
     * @param autoAdvance whether the clock jumps by itself when the test is idle
     * @param realTimeWaitLimitNanos how long the clock may be held for real-time waits
     */
    public VirtualScheduler(boolean autoAdvance, long realTimeWaitLimitNanos) {
        this.autoAdvance = autoAdvance;
        this.realTimeWaitLimitNanos = realTimeWaitLimitNanos;
        this.helper = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().daemon().name("weft-test-clock").unstarted(r);
            helperThread = t;
            return t;
        });
    }

    /**
     * Runs {@code work} on the helper thread and waits for it on the carrier, serving the run queue
     * meanwhile while {@code serve} says so (asked under the lock): during a probe always (an answer
     * given while a task ran is discarded), while timer actions run only if the helper is stuck
     * (blocked on a monitor or waiting), so that the actions of one instant normally all run before
     * the coroutines they wake.
     */
    private void offCarrier(Runnable work, java.util.function.BooleanSupplier serve) {
        java.util.concurrent.FutureTask<Void> f = new java.util.concurrent.FutureTask<>(() -> {
            try {
                work.run();
            } finally {
                lock.lock();
                try {
                    changed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }, null);
        helper.execute(f);
        while (!f.isDone()) {
            Runnable task = null;
            lock.lock();
            try {
                if (!f.isDone()) {
                    boolean serving = serve.getAsBoolean();
                    if (serving) {
                        task = ready.poll();
                        if (task != null) {
                            tasksServed++;
                        }
                    }
                    if (task == null) {
                        changed.awaitNanos(serving ? POLL_NANOS : STUCK_POLL_NANOS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
            if (task != null) {
                task.run();
            }
        }
        try {
            f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean helperStuck() {
        Thread t = helperThread;
        if (t == null) {
            return false;
        }
        Thread.State st = t.getState();
        return st == Thread.State.BLOCKED || st == Thread.State.WAITING || st == Thread.State.TIMED_WAITING;
    }

    void setProbe(RealTimeProbe probe, BackgroundTest background) {
        this.probe = probe;
        this.background = background;
    }

    void addExternal(ExternalClock clock) {
        externals.add(clock);
    }

    // ---------------------------------------------------------------- Executor and TimeSource

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            if (stopped) {
                // a coroutine that outlived its test (it ignored cancellation) is never stranded
                Thread.ofPlatform().daemon().name("weft-test-straggler").start(task);
                return;
            }
            ready.add(task);
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Disposable schedule(Runnable action, long delayNanos) {
        BackgroundTest bg = background;
        boolean isBackground = bg != null && bg.callerIsBackground();
        lock.lock();
        try {
            long at = now + delayNanos;
            if (at < now) {
                at = Long.MAX_VALUE; // "practically never"
            }
            Timer t = new Timer(at, seq++, action, isBackground);
            timers.add(t);
            changed.signal();
            return () -> {
                lock.lock();
                try {
                    timers.remove(t);
                } finally {
                    lock.unlock();
                }
            };
        } finally {
            lock.unlock();
        }
    }

    private record Timer(long at, long seq, Runnable action, boolean background) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    // ---------------------------------------------------------------- advance requests

    private static final class Advance {
        final long target;
        final boolean untilIdle;
        final Thread waiter;
        volatile boolean done;

        Advance(long target, boolean untilIdle, Thread waiter) {
            this.target = target;
            this.untilIdle = untilIdle;
            this.waiter = waiter;
        }
    }

    /**
     * Parks the calling coroutine until the scheduler has run everything due up to {@code target}
     * (inclusive) and left the clock there; with {@code untilIdle}, until no foreground timer is
     * pending.
     */
    void advance(long target, boolean untilIdle) {
        Advance a = new Advance(target, untilIdle, Thread.currentThread());
        lock.lock();
        try {
            requests.add(a);
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            while (!a.done) {
                LockSupport.park(this);
                if (!a.done) {
                    Coroutines.ensureActive();
                }
            }
        } finally {
            if (!a.done) {
                lock.lock();
                try {
                    requests.remove(a);
                    changed.signal();
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    // ---------------------------------------------------------------- the carrier loop

    /** Ends the loop once the carrier is idle; a task submitted later runs on a thread of its own. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        helper.shutdown();
    }

    private long nextDeadline() {
        Timer t = timers.peek();
        long next = t == null ? Long.MAX_VALUE : t.at;
        for (ExternalClock e : externals) {
            next = Math.min(next, e.nextDeadline());
        }
        return next;
    }

    private boolean hasForegroundTimer() {
        for (Timer t : timers) {
            if (!t.background) {
                return true;
            }
        }
        return false;
    }

    /** Runs the test dispatcher's continuations and moves the clock; the body of the carrier thread. */
    void runLoop() {
        for (;;) {
            Runnable task = null;
            long jumpTo = -1;
            Advance complete = null;
            lock.lock();
            try {
                for (;;) {
                    task = ready.poll();
                    if (task != null) {
                        break;
                    }
                    if (stopped) {
                        return;
                    }
                    long next = nextDeadline();
                    Advance req = requests.peek();
                    if (req != null) {
                        if (req.untilIdle) {
                            if (hasForegroundTimer()) {
                                jumpTo = next;
                            } else {
                                complete = req;
                            }
                        } else if (next <= req.target) {
                            jumpTo = next;
                        } else {
                            complete = req;
                        }
                        break;
                    }
                    if (autoAdvance && next != Long.MAX_VALUE) {
                        jumpTo = next;
                        break;
                    }
                    holdingSince = -1;
                    changed.awaitUninterruptibly();
                }
            } finally {
                lock.unlock();
            }
            if (task != null) {
                task.run();
            } else if (complete != null) {
                completeRequest(complete);
            } else {
                jump(jumpTo);
            }
        }
    }

    private void completeRequest(Advance req) {
        lock.lock();
        try {
            if (!req.untilIdle && req.target > now) {
                now = req.target;
            }
            requests.remove(req);
        } finally {
            lock.unlock();
        }
        offCarrier(this::advanceExternals, this::helperStuck);
        req.done = true;
        LockSupport.unpark(req.waiter);
    }

    /**
     * Moves the clock to {@code t}, if the probe allows, and runs what is due there: one task of the
     * helper that probes, checks under the lock that the test is still idle (no task ran meanwhile,
     * the run queue is empty, the deadline is the same), moves the clock and fires.
     */
    private void jump(long t) {
        RealTimeProbe p = probe;
        boolean check = t > now && p != null && !divergenceReported;
        long served;
        lock.lock();
        try {
            served = tasksServed;
        } finally {
            lock.unlock();
        }
        List<List<String>> held = new ArrayList<>(1);
        offCarrier(() -> {
            List<String> waiters = check ? p.realTimeWaiters() : List.of();
            List<Runnable> due = new ArrayList<>();
            lock.lock();
            try {
                if (tasksServed != served || !ready.isEmpty() || nextDeadline() != t) {
                    return; // the test was not idle after all, or something changed: decide again
                }
                if (!waiters.isEmpty()) {
                    held.add(waiters);
                    return;
                }
                holdingSince = -1;
                if (t > now) {
                    now = t;
                }
                while (!timers.isEmpty() && timers.peek().at <= now) {
                    due.add(timers.poll().action);
                }
                firing = true;
            } finally {
                lock.unlock();
            }
            try {
                for (Runnable r : due) {
                    r.run();
                }
                advanceExternals();
            } finally {
                lock.lock();
                try {
                    firing = false;
                } finally {
                    lock.unlock();
                }
            }
        }, () -> !firing || helperStuck());
        if (!held.isEmpty() && p != null) {
            hold(t, held.get(0), p);
        }
    }

    /**
     * Brings the Reactor/RxJava test schedulers to the current virtual time, running what is due
     * there; always, not only when they have something due, so that a task they schedule later is
     * placed relative to the right time.
     */
    private void advanceExternals() {
        long at = now;
        for (ExternalClock e : externals) {
            e.advanceTo(at);
        }
    }

    private void hold(long deadline, List<String> waiters, RealTimeProbe p) {
        long real = System.nanoTime();
        lock.lock();
        try {
            if (holdingSince < 0) {
                holdingSince = real;
            }
            long held = real - holdingSince;
            if (held >= realTimeWaitLimitNanos) {
                divergenceReported = true;
                lock.unlock();
                try {
                    offCarrier(() -> p.diverged(deadline, held, waiters), () -> true);
                } finally {
                    lock.lock();
                }
                return;
            }
            if (ready.isEmpty()) {
                // woken by a continuation (the real wait ended and resumed a coroutine); polled
                // because a coroutine on another dispatcher can end without waking one of ours
                changed.awaitNanos(Math.min(POLL_NANOS, realTimeWaitLimitNanos - held));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }
}
