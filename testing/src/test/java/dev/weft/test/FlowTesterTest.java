package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.TimeoutCancellationException;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class FlowTesterTest {

    private static Flow<Integer> everySecond(int count) {
        return Flow.flow(out -> {
            for (int i = 1; i <= count; i++) {
                Coroutines.delay(Duration.ofSeconds(1));
                out.emit(i);
            }
        });
    }

    @Test
    void itemsAndCompletionOnRealTime() {
        FlowTester.test(Flow.of(1, 2), t -> {
            assertThat(t.awaitItem()).isEqualTo(1);
            assertThat(t.awaitItem()).isEqualTo(2);
            t.awaitComplete();
        });
    }

    @Test
    void eventsLeftUnconsumedFailTheTest() {
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1, 2), t -> assertThat(t.awaitItem()).isEqualTo(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessage("Unconsumed events found: [Item[value=2], Complete[]]");
    }

    @Test
    void anErrorIsAnEventAndAwaitingSomethingElseFailsWithItAsCause() {
        IOException io = new IOException("up");
        FlowTester.test(Flow.<Integer>flow(out -> {
            out.emit(1);
            throw io;
        }), t -> {
            t.skipItems(1);
            assertThat(t.awaitError()).isSameAs(io);
        });
        assertThatThrownBy(() -> FlowTester.test(Flow.<Integer>error(io), t -> t.awaitItem()))
                .isInstanceOf(AssertionError.class).hasMessageStartingWith("Expected an item but found Error").hasCause(io);
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), t -> t.awaitComplete()))
                .isInstanceOf(AssertionError.class).hasMessage("Expected completion but found Item[value=1]");
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), t -> t.skipItems(2)))
                .isInstanceOf(AssertionError.class).hasMessage("Expected 2 items (got 1) but found Complete[]");
    }

    @Test
    void aTimeoutOperatorsCancellationIsTheFlowsErrorNotTheTesters() {
        WeftTest.runTest(scope -> {
            FlowTester.test(everySecond(3).timeout(Duration.ofMillis(500)), t ->
                    assertThat(t.awaitError()).isInstanceOf(TimeoutCancellationException.class));
            return null;
        });
    }

    @Test
    void insideRunTestTheAwaitTimeoutIsVirtualAndCannotRaceTheFlow() {
        long start = System.nanoTime();
        WeftTest.runTest(scope -> {
            Flow<Integer> late = Flow.flow(out -> {
                Coroutines.delay(Duration.ofSeconds(5));
                out.emit(1);
            });
            assertThatThrownBy(() -> FlowTester.test(late, t -> t.awaitItem()))
                    .isInstanceOf(AssertionError.class).hasMessage("No event within PT3S of virtual time");
            assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofSeconds(3));
            FlowTester.test(late, Duration.ofSeconds(10), t -> {
                assertThat(t.awaitItem()).isEqualTo(1);
                t.awaitComplete();
            });
            assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofSeconds(8));
            return null;
        });
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(3));
    }

    @Test
    void outsideRunTestTheAwaitTimeoutIsRealTime() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> FlowTester.test(Flow.<Integer>flow(out -> Coroutines.delay(Duration.ofDays(1))),
                Duration.ofMillis(100), t -> t.awaitItem()))
                .isInstanceOf(AssertionError.class).hasMessage("No event within PT0.1S of real time");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    }

    @Test
    void expectNoEventsThenAdvanceStepByStepWithoutAutomaticAdvance() {
        WeftTest.runTest(TestConfig.defaults().withAutoAdvance(false), scope -> {
            FlowTester.test(everySecond(2), t -> {
                t.expectNoEvents();
                WeftTest.advanceTimeBy(Duration.ofSeconds(1));
                assertThat(t.awaitItem()).isEqualTo(1);
                t.expectNoEvents();
                WeftTest.advanceTimeBy(Duration.ofMillis(999));
                t.expectNoEvents();
                WeftTest.advanceTimeBy(Duration.ofMillis(1));
                assertThat(t.awaitItem()).isEqualTo(2);
                t.awaitComplete();
            });
            return null;
        });
    }

    @Test
    void expectNoEventsFailsOnAWaitingEvent() {
        WeftTest.runTest(scope -> {
            assertThatThrownBy(() -> FlowTester.test(Flow.of(7), t -> t.expectNoEvents()))
                    .isInstanceOf(AssertionError.class).hasMessage("Expected no events but found Item[value=7]");
            return null;
        });
    }

    @Test
    void expectMostRecentItemAndCancelAndIgnoreRemainingEvents() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        WeftTest.runTest(TestConfig.defaults().withAutoAdvance(false), scope -> {
            FlowTester.test(Flow.<Integer>flow(out -> {
                try {
                    for (int i = 1; ; i++) {
                        out.emit(i);
                        Coroutines.delay(Duration.ofMillis(100));
                    }
                } catch (CancellationException e) {
                    upstreamCancelled.set(true);
                    throw e;
                }
            }), t -> {
                WeftTest.advanceTimeBy(Duration.ofMillis(450));
                assertThat(t.expectMostRecentItem()).isEqualTo(5);
                WeftTest.advanceTimeBy(Duration.ofMillis(100));
                t.cancelAndIgnoreRemainingEvents();
            });
            return null;
        });
        assertThat(upstreamCancelled).isTrue();
        WeftTest.runTest(scope -> { // on the test dispatcher the empty flow has completed when the check runs
            assertThatThrownBy(() -> FlowTester.test(Flow.empty(), t -> t.expectMostRecentItem()))
                    .isInstanceOf(AssertionError.class).hasMessage("Expected items but found Complete[]");
            assertThatThrownBy(() -> FlowTester.test(Flow.<Integer>flow(out -> Coroutines.delay(Duration.ofDays(1))), t -> t.expectMostRecentItem()))
                    .isInstanceOf(AssertionError.class).hasMessage("No item was found");
            return null;
        });
    }

    @Test
    void aDebounceOfAnHourWithAHourLongTimeout() {
        WeftTest.runTest(scope -> {
            FlowTester.test(Flow.of(1, 2, 3).onEach(v -> Coroutines.delay(Duration.ofMinutes(1))).debounce(Duration.ofHours(1)),
                    Duration.ofHours(2), t -> {
                        assertThat(t.awaitItem()).isEqualTo(3);
                        t.awaitComplete();
                    });
            assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofMinutes(3));
            return null;
        });
    }

    @Test
    void cancelAndConsumeRemainingEventsReturnsThem() {
        FlowTester.test(Flow.of(1, 2, 3), t -> {
            assertThat(t.awaitItem()).isEqualTo(1);
            assertThat(t.cancelAndConsumeRemainingEvents()).containsExactly(new FlowEvent.Item<>(2), new FlowEvent.Item<>(3),
                    new FlowEvent.Complete<>());
        });
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> FlowTester.test(null, t -> { })).isInstanceOf(NullPointerException.class).hasMessage("flow");
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), null)).isInstanceOf(NullPointerException.class).hasMessage("body");
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), null, t -> { })).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), Duration.ZERO, t -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlowTester.test(Flow.of(1), t -> t.skipItems(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlowEvent.Item<>(null)).isInstanceOf(NullPointerException.class).hasMessage("value");
        assertThatThrownBy(() -> new FlowEvent.Error<>(null)).isInstanceOf(NullPointerException.class).hasMessage("cause");
    }
}
