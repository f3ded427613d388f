package dev.weft.flow.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Job;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.Exceptions;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.MutableSharedFlow;
import dev.weft.flow.SharedFlow;
import dev.weft.flow.SharingCommand;
import dev.weft.flow.SharingStarted;
import dev.weft.flow.StateFlow;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * {@code shareIn} and {@code stateIn}: one coroutine, launched in the caller's scope, collects the
 * upstream flow into a {@link SharedFlowImpl} or {@link StateFlowImpl} and starts/stops that
 * collection as the {@link SharingStarted} strategy commands.
 *
 * <p>The sharing coroutine is an ordinary child of the scope: if the upstream fails, it fails,
 * and structured concurrency cancels the scope with that failure (a supervisor scope only logs
 * it); cancelling the scope stops the sharing. Subscribers of the shared flow are not affected
 * either way: they keep waiting for elements until they are cancelled themselves.
 */
public final class Sharing {
    /** Buffer of a shared flow made by shareIn beyond its replay (kotlinx uses the same default). */
    static final int DEFAULT_BUFFER = 64;

    private Sharing() {
    }

    /**
     * Shares {@code upstream}: see {@code Flow.shareIn}.
     *
     * @param upstream the flow to collect once for all subscribers
     * @param scope where the sharing coroutine runs
     * @param started when to start and stop collecting {@code upstream}
     * @param replay how many elements new subscribers receive first
     * @param <T> the element type
     * @return a read-only shared flow
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code replay} is negative
     */
    public static <T> SharedFlow<T> shareIn(Flow<T> upstream, CoroutineScope scope, SharingStarted started,
                                            int replay) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(started, "started");
        if (replay < 0) {
            throw new IllegalArgumentException("replay must not be negative: " + replay);
        }
        int extra = Math.max(replay, DEFAULT_BUFFER) - replay;
        SharedFlowImpl<T> shared = new SharedFlowImpl<>(replay, extra, BufferOverflow.SUSPEND);
        launchSharing(scope, upstream, shared, shared.counter(), started, shared::resetReplayCache);
        return new SharedFlowView<>(shared);
    }

    /**
     * Shares {@code upstream} as a state flow: see {@code Flow.stateIn}.
     *
     * @param upstream the flow to collect once for all subscribers
     * @param scope where the sharing coroutine runs
     * @param started when to start and stop collecting {@code upstream}
     * @param initial the value until upstream emits, and after a replay reset
     * @param <T> the value type
     * @return a read-only state flow
     * @throws NullPointerException if an argument is null
     */
    public static <T> StateFlow<T> stateIn(Flow<T> upstream, CoroutineScope scope, SharingStarted started,
                                           T initial) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(started, "started");
        StateFlowImpl<T> state = new StateFlowImpl<>(initial);
        launchSharing(scope, upstream, state, state.counter(), started, () -> state.setValue(initial));
        return new StateFlowView<>(state);
    }

    /**
     * Starts collecting {@code upstream} in {@code scope} for good and suspends until its first
     * element: see {@code Flow.stateIn(CoroutineScope)}.
     *
     * @param upstream the flow to collect once for all subscribers
     * @param scope where the sharing coroutine runs
     * @param <T> the value type
     * @return a read-only state flow holding the first element, then the later ones
     * @throws NullPointerException if an argument is null
     * @throws NoSuchElementException if upstream completes without an element
     * @throws java.util.concurrent.CancellationException if the caller or the sharing coroutine
     *         is cancelled before the first element
     */
    public static <T> StateFlow<T> stateIn(Flow<T> upstream, CoroutineScope scope) {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(scope, "scope");
        FirstValue<T> first = new FirstValue<>();
        Job job = scope.launch(() -> upstream.collect(first));
        job.invokeOnCompletion(cause -> first.fail(
                cause != null ? cause : new NoSuchElementException("the flow completed without an element")));
        return first.await();
    }

    private static <T> void launchSharing(CoroutineScope scope, Flow<T> upstream, MutableSharedFlow<T> shared,
                                          SharedSubscriptionCount counter, SharingStarted started, Runnable reset) {
        if (started == SharingStrategies.EAGERLY) {
            scope.launch(() -> upstream.collect(shared));
            return;
        }
        // Registered before the coroutine starts, so the strategy sees every subscriber from now on
        // (kotlinx gets the same guarantee by starting this coroutine undispatched).
        SharedSubscriptionCount.Registered count = counter.registerNow();
        Job job;
        try {
            job = scope.launch(() -> {
                if (started == SharingStrategies.LAZILY) {
                    SharingStrategies.awaitCount(count, n -> n > 0);
                    count.release();
                    upstream.collect(shared);
                    return;
                }
                Flow<SharingCommand> commands = Objects.requireNonNull(
                        started.command(count), "SharingStarted.command returned null");
                Coroutines.coroutineScope(inner -> {
                    commands.collect(new CommandRunner<>(inner, upstream, shared, reset));
                    return null; // the scope still waits for the upstream collection last started
                });
            });
        } catch (RuntimeException | Error e) {
            count.release();
            throw e;
        }
        job.invokeOnCompletion(cause -> count.release());
    }

    /**
     * Acts on each distinct command: START launches the upstream collection, STOP cancels it (and
     * waits for it to end), STOP_AND_RESET_REPLAY_CACHE also resets the replay cache.
     */
    private static final class CommandRunner<T> implements FlowCollector<SharingCommand> {
        private final CoroutineScope inner;
        private final Flow<T> upstream;
        private final MutableSharedFlow<T> shared;
        private final Runnable reset;
        private @Nullable SharingCommand last;
        private @Nullable Job running;

        CommandRunner(CoroutineScope inner, Flow<T> upstream, MutableSharedFlow<T> shared, Runnable reset) {
            this.inner = inner;
            this.upstream = upstream;
            this.shared = shared;
            this.reset = reset;
        }

        @Override
        public void emit(SharingCommand command) {
            Objects.requireNonNull(command, "command");
            if (command == last) {
                return;
            }
            last = command;
            Job previous = running;
            running = null;
            if (previous != null) {
                previous.cancel();
                previous.join();
            }
            switch (command) {
                case START -> running = inner.launch(() -> upstream.collect(shared));
                case STOP -> { }
                case STOP_AND_RESET_REPLAY_CACHE -> reset.run();
                default -> throw new AssertionError(command);
            }
        }
    }

    /**
     * Collects the upstream of {@code stateIn(scope)}: the first element creates the state flow
     * and hands it to the waiting caller; later ones update it.
     */
    private static final class FirstValue<T> implements FlowCollector<T> {
        private @Nullable StateFlowImpl<T> state; // only the sharing coroutine touches it
        /** null until decided; then the state flow view, or a Failed. */
        private volatile @Nullable Object result;
        private volatile @Nullable Thread waiter;

        @Override
        public void emit(T value) {
            StateFlowImpl<T> s = state;
            if (s != null) {
                s.emit(value);
                return;
            }
            s = new StateFlowImpl<>(value);
            state = s;
            decide(new StateFlowView<>(s));
        }

        void fail(Throwable cause) {
            decide(new Failed(cause));
        }

        private void decide(Object r) {
            synchronized (this) {
                if (result != null) {
                    return;
                }
                result = r;
            }
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }

        @SuppressWarnings("unchecked")
        StateFlow<T> await() {
            Object r;
            waiter = Thread.currentThread();
            try {
                while ((r = result) == null) {
                    Cancellation.check();
                    LockSupport.park(this);
                }
            } finally {
                waiter = null;
            }
            if (r instanceof Failed f) {
                throw Exceptions.rethrow(f.cause);
            }
            return (StateFlow<T>) r;
        }
    }

    private record Failed(Throwable cause) {
    }
}
