package dev.weft.test.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineDebug;
import dev.weft.core.CoroutineInfo;
import dev.weft.core.CoroutineName;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.ScopeBlock;
import dev.weft.core.channels.Channel;
import dev.weft.test.TestConfig;
import dev.weft.test.VirtualTimeDivergenceError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One {@code runTest}: the test dispatcher on a {@link VirtualScheduler}, the root scope, the background
 * scope, the Reactor/RxJava clocks, and the wall-clock limit. It is also the context element by which
 * {@code WeftTest}'s static methods find the test of the calling coroutine.
 */
public final class TestRun implements CoroutineContext.Element, VirtualScheduler.RealTimeProbe,
        VirtualScheduler.BackgroundTest {
    /** The key of the element. */
    public static final CoroutineContext.Key<TestRun> KEY = new CoroutineContext.Key<>("weft-test");
    private static final AtomicInteger IDS = new AtomicInteger();
    /** How long cancelled coroutines get to end after the test failed or its limit expired. */
    private static final long CANCEL_GRACE_MILLIS = 5_000;

    private final VirtualScheduler scheduler;
    private final Dispatcher dispatcher;
    private final OwnedScope root;
    private final String name;
    private volatile @Nullable CoroutineScope backgroundScope;
    private volatile @Nullable AssertionError divergence;
    private volatile @Nullable Thread carrier;

    private TestRun(TestConfig config) {
        this.name = "weft-test-" + IDS.incrementAndGet();
        this.scheduler = new VirtualScheduler(config.autoAdvance(), config.realTimeWaitLimit().toNanos());
        this.dispatcher = Dispatchers.from(scheduler, scheduler);
        this.root = CoroutineScope.supervisor(dispatcher);
        scheduler.setProbe(this, this);
    }

    @Override
    public CoroutineContext.Key<?> key() {
        return KEY;
    }

    /**
     * Finds the test of the calling coroutine.
     *
     * @return the test, or null outside {@code runTest}
     */
    public static @Nullable TestRun current() {
        return Coroutines.currentContext().get(KEY);
    }

    /**
     * Returns the test dispatcher.
     *
     * @return the dispatcher
     */
    public Dispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * Returns the virtual time elapsed since the test started.
     *
     * @return the virtual time
     */
    public Duration currentTime() {
        return Duration.ofNanos(scheduler.nanoTime());
    }

    /**
     * Returns the background scope; it is cancelled when the test body has completed.
     *
     * @return the scope
     */
    public CoroutineScope backgroundScope() {
        CoroutineScope s = backgroundScope;
        if (s == null) {
            throw new IllegalStateException("the background scope is not open yet"); // cannot happen: it opens first
        }
        return s;
    }

    /**
     * Runs everything due up to now + {@code by}, inclusive, and leaves the clock there.
     *
     * @param by how far to move the clock
     */
    public void advanceTimeBy(Duration by) {
        long nanos = by.toNanos();
        long target = scheduler.nanoTime() + nanos;
        scheduler.advance(target < 0 ? Long.MAX_VALUE : target, false);
    }

    /** Runs until no foreground timer is pending. */
    public void advanceUntilIdle() {
        scheduler.advance(0, true);
    }

    /** Runs everything due at the current time. */
    public void runCurrent() {
        scheduler.advance(scheduler.nanoTime(), false);
    }

    // ---------------------------------------------------------------- running a test

    /**
     * Runs {@code body} as described by {@code WeftTest.runTest}.
     *
     * @param config the settings
     * @param body the test
     * @param <T> the result type
     * @return the body's result
     */
    public static <T extends @Nullable Object> T run(TestConfig config, ScopeBlock<T> body) {
        TestRun run = new TestRun(config);
        Thread carrier = Thread.ofPlatform().daemon().name(run.name).start(run.scheduler::runLoop);
        run.carrier = carrier;
        List<AutoCloseable> clocks = ExternalClocks.install(run.scheduler);
        try {
            return run.execute(config, body);
        } finally {
            ExternalClocks.uninstall(clocks);
            if (run.root.job().isCompleted()) {
                run.scheduler.stop();
                try {
                    carrier.join(TimeUnit.SECONDS.toMillis(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private <T extends @Nullable Object> T execute(TestConfig config, ScopeBlock<T> body) {
        CountDownLatch backgroundOpen = new CountDownLatch(1);
        CoroutineContext ctx = this;
        Deferred<Void> background = root.async(ctx.plus(BACKGROUND).plus(CoroutineName.of("runTest-background")), () -> Coroutines.coroutineScope(scope -> {
            backgroundScope = scope;
            backgroundOpen.countDown();
            Channel.<Void>rendezvous().receive(); // parked, untimed, until the test cancels it
            return null;
        }));
        Deferred<T> m = root.async(ctx.plus(CoroutineName.of("runTest-body")), () -> {
            backgroundOpen.await(); // FIFO carrier: already open, never waits
            return Coroutines.coroutineScope(body);
        });
        CountDownLatch done = new CountDownLatch(1);
        m.invokeOnCompletion(t -> done.countDown());
        background.invokeOnCompletion(t -> {
            if (t != null && !(t instanceof CancellationException)) {
                m.cancel();
            }
        });
        boolean finished;
        try {
            finished = done.await(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            root.cancel();
            awaitRoot();
            Thread.currentThread().interrupt();
            throw new CancellationException("runTest was interrupted");
        }
        if (!finished) {
            String dump = dump();
            root.cancel();
            boolean ended = awaitRoot();
            throw new AssertionError("runTest did not finish within " + config.timeout() + " of real time (virtual time "
                    + currentTime() + "); it was cancelled" + (ended ? "" : " but some coroutines have not ended yet")
                    + ". " + dump);
        }
        background.cancel();
        boolean ended = awaitRoot();
        AssertionError diverged = divergence;
        if (diverged != null) {
            throw diverged;
        }
        Throwable bgFailure = failureOf(background);
        if (bgFailure != null) {
            throw rethrow(bgFailure);
        }
        T value = m.await();
        if (!ended) {
            throw new AssertionError("runTest: coroutines of the test did not end within " + CANCEL_GRACE_MILLIS
                    + " ms of its end. " + dump());
        }
        return value;
    }

    private static @Nullable Throwable failureOf(Deferred<?> d) {
        try {
            d.await();
            return null;
        } catch (CancellationException e) {
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new java.util.concurrent.CompletionException(t);
    }

    /**
     * Cancels the test's coroutines and waits, at most the grace period, for them to end. An owned
     * scope ends only when closed, and closing waits without bound: so it waits for the root's
     * children first and closes the root only once they have ended.
     */
    private boolean awaitRoot() {
        root.cancel();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_GRACE_MILLIS);
        for (Job child : root.job().children()) {
            CountDownLatch ended = new CountDownLatch(1);
            child.invokeOnCompletion(t -> ended.countDown());
            try {
                if (!ended.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        root.close();
        return true;
    }

    // ---------------------------------------------------------------- background marker

    private static final CoroutineContext.Key<BackgroundMarker> BACKGROUND_KEY = new CoroutineContext.Key<>("weft-test-background");

    private static final class BackgroundMarker implements CoroutineContext.Element {
        @Override
        public CoroutineContext.Key<?> key() {
            return BACKGROUND_KEY;
        }
    }

    private static final BackgroundMarker BACKGROUND = new BackgroundMarker();

    @Override
    public boolean callerIsBackground() {
        return Coroutines.currentContext().get(BACKGROUND_KEY) != null;
    }

    // ---------------------------------------------------------------- real-time probe and dumps

    private Set<Job> testJobs() {
        Set<Job> jobs = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Job> work = new ArrayDeque<>(root.job().children());
        while (!work.isEmpty()) {
            Job j = work.poll();
            if (jobs.add(j)) {
                work.addAll(j.children());
            }
        }
        return jobs;
    }

    private List<CoroutineInfo> testCoroutines(boolean stackTraces) {
        Set<Job> jobs = testJobs();
        List<CoroutineInfo> out = new ArrayList<>();
        for (CoroutineInfo i : CoroutineDebug.liveCoroutines(stackTraces)) {
            if (jobs.contains(i.job())) {
                out.add(i);
            }
        }
        return out;
    }

    private @Nullable String realTimeWait(CoroutineInfo i) {
        Thread.State st = i.threadState();
        if (!i.runsOn(dispatcher)) {
            // its body runs, or is about to start (launched, thread not started yet); one whose body
            // has finished only waits for its children, which are looked at themselves
            if (st != null || i.state().equals("ACTIVE")) {
                return "runs on dispatcher '" + i.dispatcher() + "', in real time";
            }
            return null;
        }
        if (st == null) {
            return null;
        }
        if (st == Thread.State.TIMED_WAITING) {
            return "is in a timed wait in real time (Thread.sleep, a JDK wait with a timeout, an I/O timeout)";
        }
        if (st == Thread.State.RUNNABLE || st == Thread.State.BLOCKED) {
            // the carrier is idle, so this coroutine is not running here: it was just woken and is on
            // its way to the run queue, or waits for a monitor another thread holds
            return "was woken from outside the test dispatcher and has not been run yet (or is blocked on a monitor)";
        }
        return null;
    }

    /**
     * Jobs of the test that have completed but are still linked to their parent. A job's completion
     * handlers (among them the wake-up of a coroutine that awaits it) run after it is marked complete
     * and before its parent unlinks it, on the completing thread; while such a job is linked, a
     * wake-up of a coroutine of the test dispatcher may still be on its way, so the clock holds.
     * This closes the gap between a coroutine on another dispatcher completing and the coroutine that
     * waits for it being queued, even for one that ran entirely while the carrier was busy.
     */
    private int completingJobs() {
        int n = 0;
        ArrayDeque<Job> work = new ArrayDeque<>(root.job().children());
        while (!work.isEmpty()) {
            Job j = work.poll();
            if (j.isCompleted()) {
                n++;
            } else {
                work.addAll(j.children());
            }
        }
        return n;
    }

    @Override
    public List<String> realTimeWaiters() {
        List<String> out = new ArrayList<>();
        for (CoroutineInfo i : testCoroutines(false)) {
            String why = realTimeWait(i);
            if (why != null) {
                out.add(i.name() + " " + why);
            }
        }
        int completing = completingJobs();
        if (completing > 0) {
            out.add(completing + " job(s) of the test are completing on other threads (waking their waiters)");
        }
        return out;
    }

    @Override
    public void diverged(long virtualDeadline, long heldNanos, List<String> waiters) {
        StringBuilder sb = new StringBuilder("virtual time would diverge from real time: the virtual clock (at ")
                .append(Duration.ofNanos(scheduler.nanoTime())).append(") has a deadline due at ")
                .append(Duration.ofNanos(virtualDeadline))
                .append(" but was held ").append(TimeUnit.NANOSECONDS.toMillis(heldNanos))
                .append(" ms of real time (limit: TestConfig.realTimeWaitLimit) because coroutines of the test wait on real time:");
        for (CoroutineInfo i : testCoroutines(true)) {
            if (realTimeWait(i) != null) {
                sb.append("\n  ").append(i.name()).append(' ').append(realTimeWait(i));
                for (StackTraceElement e : i.stackTrace()) {
                    sb.append("\n      at ").append(e);
                }
            }
        }
        sb.append("\nweft's delay, timeouts and time operators on the test dispatcher run on the virtual clock;"
                + " Thread.sleep, timed JDK waits, I/O and other dispatchers cannot. Use Coroutines.delay on the test"
                + " dispatcher, fake the real-time dependency, or test that part outside runTest.");
        divergence = new VirtualTimeDivergenceError(sb.toString());
        root.cancel(); // not just the body: it may report before runTest has even stored the body's job
    }

    /** @return a dump of every live coroutine of the test, with stacks */
    String dump() {
        List<CoroutineInfo> live = testCoroutines(true);
        StringBuilder sb = new StringBuilder().append(live.size()).append(" live coroutine(s) of the test (its dispatcher is ")
                .append(dispatcher.name()).append("):");
        for (CoroutineInfo i : live) {
            sb.append("\n").append(i);
        }
        Thread c = carrier;
        if (c != null) {
            sb.append("\nthe test dispatcher's carrier ").append(c.getName()).append(' ').append(c.getState());
            for (StackTraceElement e : c.getStackTrace()) {
                sb.append("\n    at ").append(e);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
