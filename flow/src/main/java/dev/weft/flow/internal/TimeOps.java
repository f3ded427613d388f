package dev.weft.flow.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.TimeoutCancellationException;
import dev.weft.core.internal.AbstractDispatcher;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.JobSupport;
import dev.weft.core.internal.Strand;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The time operators: {@code debounce}, {@code sample}, {@code timeout}. Time is read from the
 * collecting coroutine's dispatcher (its clock, its timer), so a virtual-time dispatcher will run
 * them on virtual time.
 */
public final class TimeOps {
    private TimeOps() {
    }

    static long positiveOrZeroNanos(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    // ---------------------------------------------------------------- debounce

    public static <T> Flow<T> debounce(Flow<T> upstream, Duration timeout) {
        long nanos = positiveOrZeroNanos(timeout, "timeout");
        if (nanos == 0) {
            return upstream;
        }
        return collector -> {
            Throwable[] failure = new Throwable[1];
            Coroutines.coroutineScope(scope -> {
                Latest<T> latest = new Latest<>(Strand.currentDispatcher());
                latest.start(scope, upstream);
                try {
                    while (true) {
                        T pending = latest.peek();
                        if (pending == null) {
                            if (latest.isDone()) {
                                break;
                            }
                            latest.await(Long.MAX_VALUE);
                            continue;
                        }
                        if (latest.isDone()) {
                            Throwable f = latest.failure();
                            if (f != null) {
                                throw f; // the pending value is dropped with the failure
                            }
                            T last = latest.take();
                            if (last != null) {
                                collector.emit(last); // the upstream ended: no newer value can come
                            }
                            break;
                        }
                        T quiet = latest.takeIfQuiet(nanos, latest.now());
                        if (quiet != null) {
                            collector.emit(quiet);
                        } else {
                            latest.await(saturatedAdd(latest.stamp(), nanos));
                        }
                    }
                    Throwable f = latest.failure();
                    if (f != null) {
                        throw f;
                    }
                } catch (Throwable t) {
                    failure[0] = t;
                } finally {
                    latest.cancel();
                }
                return null;
            });
            if (failure[0] != null) {
                throw Throwables.asException(failure[0]);
            }
        };
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    // ---------------------------------------------------------------- sample

    public static <T> Flow<T> sample(Flow<T> upstream, Duration period) {
        long nanos = positiveOrZeroNanos(period, "period");
        if (nanos == 0) {
            throw new IllegalArgumentException("sample period must be positive: " + period);
        }
        return collector -> {
            Throwable[] failure = new Throwable[1];
            Coroutines.coroutineScope(scope -> {
                Latest<T> latest = new Latest<>(Strand.currentDispatcher());
                long tick = saturatedAdd(latest.now(), nanos);
                latest.start(scope, upstream);
                try {
                    while (true) {
                        if (latest.isDone()) {
                            Throwable f = latest.failure();
                            if (f != null) {
                                throw f;
                            }
                            break; // a value newer than the last tick is dropped, as the window never closed
                        }
                        if (latest.now() - tick >= 0) {
                            tick = saturatedAdd(tick, nanos);
                            T v = latest.take();
                            if (v != null) {
                                collector.emit(v);
                            }
                        } else {
                            latest.await(tick);
                        }
                    }
                } catch (Throwable t) {
                    failure[0] = t;
                } finally {
                    latest.cancel();
                }
                return null;
            });
            if (failure[0] != null) {
                throw Throwables.asException(failure[0]);
            }
        };
    }

    // ---------------------------------------------------------------- timeout

    public static <T> Flow<T> timeout(Flow<T> upstream, Duration timeout) {
        long nanos = positiveOrZeroNanos(timeout, "timeout");
        String message = "timed out after " + timeout + " waiting for the next element of the flow";
        return collector -> {
            if (nanos == 0) {
                throw new TimeoutCancellationException(message);
            }
            AbstractDispatcher clock = Strand.currentDispatcher();
            Throwable[] failure = new Throwable[1];
            Watchdog dog = new Watchdog(clock, nanos, message);
            try {
                Coroutines.coroutineScope(scope -> {
                    dog.start((JobSupport) scope.job());
                    try {
                        upstream.collect(v -> {
                            dog.pause();
                            collector.emit(v);
                            dog.resume();
                        });
                    } catch (Throwable t) {
                        failure[0] = t;
                    } finally {
                        dog.stop();
                    }
                    return null;
                });
            } catch (CancellationException e) {
                if (dog.fired() && !Cancellation.isCancelled()) {
                    throw new TimeoutCancellationException(message);
                }
                throw e;
            }
            Throwable f = failure[0];
            if (f != null) {
                if (dog.fired() && f instanceof CancellationException && !Cancellation.isCancelled()) {
                    throw new TimeoutCancellationException(message);
                }
                throw Throwables.asException(f);
            }
        };
    }

    /**
     * Cancels the scope of a {@code timeout} collection when the upstream has kept the collector
     * waiting for longer than the limit. The collector marks when it starts waiting and when the
     * downstream works (the downstream's time does not count); a timer checks and re-arms itself
     * for the remaining time, so there is one timer event per limit, not one per element.
     */
    private static final class Watchdog {
        private static final long NOT_WAITING = Long.MIN_VALUE;
        private final AbstractDispatcher clock;
        private final long limit;
        private final String message;
        private volatile long waitingSince;
        private volatile boolean stopped;
        private volatile boolean fired;
        private volatile dev.weft.core.@org.jspecify.annotations.Nullable Disposable timer;
        private @org.jspecify.annotations.Nullable JobSupport job;

        Watchdog(AbstractDispatcher clock, long limit, String message) {
            this.clock = clock;
            this.limit = limit;
            this.message = message;
        }

        void start(JobSupport job) {
            this.job = job;
            waitingSince = clock.nanoTime();
            arm(limit);
        }

        private void arm(long delay) {
            if (!stopped) {
                timer = clock.schedule(this::check, delay);
            }
        }

        private void check() {
            if (stopped) {
                return;
            }
            long since = waitingSince;
            if (since == NOT_WAITING) {
                arm(limit);
                return;
            }
            long waited = clock.nanoTime() - since;
            if (waited >= limit) {
                fired = true;
                JobSupport j = job;
                if (j != null) {
                    j.cancel(new TimeoutCancellationException(message));
                }
            } else {
                arm(limit - waited);
            }
        }

        void pause() {
            waitingSince = NOT_WAITING;
        }

        void resume() {
            waitingSince = clock.nanoTime();
        }

        void stop() {
            stopped = true;
            dev.weft.core.Disposable t = timer;
            if (t != null) {
                t.dispose();
            }
        }

        boolean fired() {
            return fired;
        }
    }
}
