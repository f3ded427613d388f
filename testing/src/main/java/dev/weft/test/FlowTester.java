package dev.weft.test;

import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ChannelResult;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * Tests a flow event by event, in the style of Turbine:
 *
 * <pre>{@code
 * FlowTester.test(flow, t -> {
 *     assertThat(t.awaitItem()).isEqualTo("a");
 *     t.expectNoEvents();
 *     t.awaitComplete();
 * });
 * }</pre>
 *
 * <p>{@link #test(Flow, Body)} collects the flow in a new coroutine and runs the body beside it; the
 * body reads the flow's events one by one. When the body returns, every event the flow produced must
 * have been consumed (or the rest given up with {@link #cancelAndIgnoreRemainingEvents()}): events
 * left over fail the test, so a flow that emits more than the test expected does not pass silently.
 *
 * <p><b>Timeouts</b>: each {@code await...} fails with an {@link AssertionError} naming what it
 * waited for if no event arrives within the tester's timeout (3 s unless given). Inside
 * {@link WeftTest#runTest} it is measured on the virtual clock, like the flow's own delays, so it
 * cannot race them: an await for an item that the flow emits after 5 virtual seconds fails at 3
 * virtual seconds, at once in real time, and an item emitted after 1 virtual hour is awaited
 * correctly with a timeout above an hour. Outside {@code runTest} it is real time.
 *
 * <p><b>Dispatcher:</b> the flow is collected in a child coroutine of the caller's scope, on the
 * caller's dispatcher (the test dispatcher inside {@code runTest}); called from plain code, on
 * {@link dev.weft.core.Dispatchers#DEFAULT}. <b>Buffering:</b> events are queued without bound until
 * the body consumes them; the flow is never slowed down by the test. <b>Cancellation:</b> the
 * collection is cancelled when the body returns or fails.
 *
 * @param <T> the element type
 */
public final class FlowTester<T> {
    /** The timeout of each await when none is given: 3 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The body of a flow test.
     *
     * @param <T> the element type
     */
    @FunctionalInterface
    public interface Body<T> {
        /**
         * Reads and checks the flow's events.
         *
         * @param tester the events of the flow under test
         * @throws Exception any failure; it fails the test
         */
        void run(FlowTester<T> tester) throws Exception;
    }

    private final Channel<FlowEvent<T>> events = Channel.unlimited();
    private final Duration timeout;
    private @Nullable Job collector;
    private boolean finished;

    private FlowTester(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Collects {@code flow} and runs {@code body} against its events, with the default timeout.
     *
     * @param flow the flow under test
     * @param body the checks
     * @param <T> the element type
     * @throws NullPointerException if an argument is null
     * @throws AssertionError if a check failed or events were left unconsumed
     */
    public static <T> void test(Flow<T> flow, Body<T> body) {
        test(flow, DEFAULT_TIMEOUT, body);
    }

    /**
     * Collects {@code flow} and runs {@code body} against its events; each await waits at most
     * {@code timeout} (virtual time inside {@link WeftTest#runTest}, real time outside).
     *
     * @param flow the flow under test
     * @param timeout how long each await waits
     * @param body the checks
     * @param <T> the element type
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     * @throws AssertionError if a check failed or events were left unconsumed
     */
    public static <T> void test(Flow<T> flow, Duration timeout, Body<T> body) {
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(body, "body");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        Coroutines.coroutineScope(scope -> {
            FlowTester<T> tester = new FlowTester<>(timeout);
            Job c = scope.launch(() -> tester.collect(flow));
            tester.collector = c;
            try {
                body.run(tester);
                tester.finish();
            } finally {
                c.cancel();
            }
            return null;
        });
    }

    private void collect(Flow<T> flow) throws Exception {
        try {
            flow.collect(v -> events.trySend(new FlowEvent.Item<>(v)));
            events.trySend(new FlowEvent.Complete<>());
        } catch (Throwable e) {
            Job self = Coroutines.currentJob();
            if (e instanceof CancellationException && self != null && self.isCancelled()) {
                throw e; // the tester stopped the collection: not an event of the flow
            }
            events.trySend(new FlowEvent.Error<>(e));
        }
    }

    private String clock() {
        return WeftTest.isVirtualTime() ? "virtual time" : "real time";
    }

    private void settle() {
        if (WeftTest.isVirtualTime()) {
            WeftTest.runCurrent();
        }
    }

    /**
     * Waits for the next event, whatever it is.
     *
     * @return the event
     * @throws AssertionError if none arrives within the timeout
     * @throws CancellationException if the caller is cancelled
     */
    public FlowEvent<T> awaitEvent() {
        FlowEvent<T> e = Coroutines.withTimeoutOrNull(timeout, events::receive);
        if (e == null) {
            throw new AssertionError("No event within " + timeout + " of " + clock());
        }
        return e;
    }

    /**
     * Waits for the next event and checks that it is an element.
     *
     * @return the element
     * @throws AssertionError if the next event is the end or a failure, or none arrives in time
     */
    public T awaitItem() {
        FlowEvent<T> e = awaitEvent();
        if (e instanceof FlowEvent.Item<T> item) {
            return item.value();
        }
        throw unexpected("an item", e);
    }

    /**
     * Waits for {@code count} elements and drops them.
     *
     * @param count how many elements to skip; zero or more
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws AssertionError if the flow ends or fails first, or an element does not arrive in time
     */
    public void skipItems(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        for (int i = 0; i < count; i++) {
            FlowEvent<T> e = awaitEvent();
            if (!(e instanceof FlowEvent.Item)) {
                throw unexpected(count + " items (got " + i + ")", e);
            }
        }
    }

    /**
     * Waits for the next event and checks that it is the normal end of the flow.
     *
     * @throws AssertionError if the next event is an element or a failure, or none arrives in time
     */
    public void awaitComplete() {
        FlowEvent<T> e = awaitEvent();
        if (!(e instanceof FlowEvent.Complete)) {
            throw unexpected("completion", e);
        }
    }

    /**
     * Waits for the next event and checks that it is a failure.
     *
     * @return the failure
     * @throws AssertionError if the next event is an element or the end, or none arrives in time
     */
    public Throwable awaitError() {
        FlowEvent<T> e = awaitEvent();
        if (e instanceof FlowEvent.Error<T> error) {
            return error.cause();
        }
        throw unexpected("an error", e);
    }

    /**
     * Checks that no event is waiting to be consumed. Inside {@link WeftTest#runTest} it first runs
     * everything due at the current virtual time ({@link WeftTest#runCurrent()}), without moving the
     * clock, so it checks "nothing has happened yet" at this instant.
     *
     * @throws AssertionError if an event is waiting
     */
    public void expectNoEvents() {
        settle();
        ChannelResult<FlowEvent<T>> r = events.tryReceive();
        if (r.isSuccess()) {
            throw unexpected("no events", r.getOrThrow());
        }
    }

    /**
     * Consumes every element waiting now and returns the last of them (inside
     * {@link WeftTest#runTest}, after running what is due at the current virtual time).
     *
     * @return the most recent element
     * @throws AssertionError if no element is waiting, or the end or a failure is among the waiting events
     */
    public T expectMostRecentItem() {
        settle();
        T last = null;
        for (ChannelResult<FlowEvent<T>> r = events.tryReceive(); r.isSuccess(); r = events.tryReceive()) {
            FlowEvent<T> e = r.getOrThrow();
            if (!(e instanceof FlowEvent.Item<T> item)) {
                throw unexpected("items", e);
            }
            last = item.value();
        }
        if (last == null) {
            throw new AssertionError("No item was found");
        }
        return last;
    }

    /**
     * Cancels the collection and drops every event not consumed yet; the test then ends without the
     * check for unconsumed events.
     */
    public void cancelAndIgnoreRemainingEvents() {
        cancelAndConsumeRemainingEvents();
    }

    /**
     * Cancels the collection and returns the events not consumed yet; the test then ends without the
     * check for unconsumed events.
     *
     * @return the events the body had not consumed, oldest first
     */
    public List<FlowEvent<T>> cancelAndConsumeRemainingEvents() {
        settle();
        stopCollector();
        finished = true;
        return drain();
    }

    private void stopCollector() {
        Job c = collector;
        if (c != null) {
            c.cancel();
            c.join();
        }
    }

    private List<FlowEvent<T>> drain() {
        List<FlowEvent<T>> rest = new ArrayList<>();
        for (ChannelResult<FlowEvent<T>> r = events.tryReceive(); r.isSuccess(); r = events.tryReceive()) {
            rest.add(r.getOrThrow());
        }
        return rest;
    }

    private void finish() {
        if (finished) {
            return;
        }
        settle();
        stopCollector();
        List<FlowEvent<T>> rest = drain();
        if (!rest.isEmpty()) {
            AssertionError e = new AssertionError("Unconsumed events found: " + rest);
            for (FlowEvent<T> ev : rest) {
                if (ev instanceof FlowEvent.Error<T> err) {
                    e.addSuppressed(err.cause());
                }
            }
            throw e;
        }
    }

    private static AssertionError unexpected(String expected, FlowEvent<?> found) {
        AssertionError e = new AssertionError("Expected " + expected + " but found " + found);
        if (found instanceof FlowEvent.Error<?> err) {
            e.initCause(err.cause());
        }
        return e;
    }
}
