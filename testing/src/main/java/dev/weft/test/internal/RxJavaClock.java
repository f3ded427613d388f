package dev.weft.test.internal;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.functions.Function;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.util.concurrent.TimeUnit;

/**
 * RxJava's {@link TestScheduler}, installed for one test through the {@link RxJavaPlugins}
 * computation, io, single and new-thread handlers, moved by the test's virtual clock; the previous
 * handlers are put back afterwards.
 */
final class RxJavaClock implements VirtualScheduler.ExternalClock, AutoCloseable {
    private static final ExternalClocks.QueuePeek PEEK = new ExternalClocks.QueuePeek(TestScheduler.class);

    private final TestScheduler rx = new TestScheduler();
    private final long offset;
    private final Function<? super Scheduler, ? extends Scheduler> computation = RxJavaPlugins.getComputationSchedulerHandler();
    private final Function<? super Scheduler, ? extends Scheduler> io = RxJavaPlugins.getIoSchedulerHandler();
    private final Function<? super Scheduler, ? extends Scheduler> single = RxJavaPlugins.getSingleSchedulerHandler();
    private final Function<? super Scheduler, ? extends Scheduler> newThread = RxJavaPlugins.getNewThreadSchedulerHandler();

    private RxJavaClock(VirtualScheduler weft) {
        this.offset = rx.now(TimeUnit.NANOSECONDS) - weft.nanoTime();
    }

    static AutoCloseable install(VirtualScheduler weft) {
        if (RxJavaPlugins.isLockdown()) {
            throw new IllegalStateException("RxJavaPlugins are locked down: runTest cannot install RxJava's TestScheduler");
        }
        RxJavaClock clock = new RxJavaClock(weft);
        RxJavaPlugins.setComputationSchedulerHandler(s -> clock.rx);
        RxJavaPlugins.setIoSchedulerHandler(s -> clock.rx);
        RxJavaPlugins.setSingleSchedulerHandler(s -> clock.rx);
        RxJavaPlugins.setNewThreadSchedulerHandler(s -> clock.rx);
        weft.addExternal(clock);
        return clock;
    }

    @Override
    public long nextDeadline() {
        long t = PEEK.earliest(rx);
        return t == Long.MAX_VALUE ? t : t - offset;
    }

    @Override
    public void advanceTo(long now) {
        rx.advanceTimeTo(now + offset, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        RxJavaPlugins.setComputationSchedulerHandler(computation);
        RxJavaPlugins.setIoSchedulerHandler(io);
        RxJavaPlugins.setSingleSchedulerHandler(single);
        RxJavaPlugins.setNewThreadSchedulerHandler(newThread);
    }
}
