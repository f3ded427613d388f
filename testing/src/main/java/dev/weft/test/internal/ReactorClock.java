package dev.weft.test.internal;

import java.time.Instant;
import java.util.concurrent.TimeUnit;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Reactor's {@link VirtualTimeScheduler}, installed for one test (so {@code Schedulers.parallel()},
 * {@code single()}, {@code boundedElastic()} and the time operators' default schedulers return it)
 * and moved by the test's virtual clock.
 */
final class ReactorClock implements VirtualScheduler.ExternalClock, AutoCloseable {
    private static final ExternalClocks.QueuePeek PEEK = new ExternalClocks.QueuePeek(VirtualTimeScheduler.class);

    private final VirtualTimeScheduler vts;
    private final VirtualTimeScheduler previous;
    /** The Reactor clock's reading when the weft clock read zero. */
    private final long offset;
    private final VirtualScheduler weft;

    private ReactorClock(VirtualScheduler weft, VirtualTimeScheduler previous) {
        this.weft = weft;
        this.previous = previous;
        this.vts = VirtualTimeScheduler.create();
        this.offset = vts.now(TimeUnit.NANOSECONDS) - weft.nanoTime();
    }

    static AutoCloseable install(VirtualScheduler weft) {
        VirtualTimeScheduler previous = VirtualTimeScheduler.isFactoryEnabled() ? VirtualTimeScheduler.get() : null;
        ReactorClock clock = new ReactorClock(weft, previous);
        VirtualTimeScheduler.set(clock.vts);
        weft.addExternal(clock);
        return clock;
    }

    @Override
    public long nextDeadline() {
        long t = PEEK.earliest(vts);
        return t == Long.MAX_VALUE ? t : t - offset;
    }

    @Override
    public void advanceTo(long now) {
        vts.advanceTimeTo(Instant.ofEpochSecond(0, now + offset));
    }

    @Override
    public void close() {
        VirtualTimeScheduler.reset();
        vts.dispose();
        if (previous != null) {
            VirtualTimeScheduler.set(previous);
        }
    }
}
