package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    @Test
    void withTimeoutThrowsTimeoutCancellationException() {
        AtomicBoolean blockSawCancellation = new AtomicBoolean();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofMillis(30), () -> {
            try {
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (TimeoutCancellationException e) {
                blockSawCancellation.set(true);
                throw e;
            }
            return "never";
        }))).isInstanceOf(TimeoutCancellationException.class).hasMessageContaining("PT0.03S");
        assertThat(blockSawCancellation).isTrue();
    }

    @Test
    void withTimeoutReturnsTheValueWhenInTime() {
        assertThat(Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(10), () -> "ok")))
                .isEqualTo("ok");
    }

    @Test
    void withTimeoutOrNullReturnsNullOnTimeoutAndCancelsChildren() {
        AtomicBoolean childCancelled = new AtomicBoolean();
        String r = Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(30),
                () -> Coroutines.coroutineScope(scope -> {
                    scope.launch(() -> {
                        try {
                            Coroutines.delay(Duration.ofSeconds(30));
                        } catch (CancellationException e) {
                            childCancelled.set(true);
                            throw e;
                        }
                    });
                    return "never";
                })));
        assertThat(r).isNull();
        assertThat(childCancelled).isTrue();
    }

    @Test
    void theCallerIsNotCancelledByItsTimeoutScope() {
        String r = Coroutines.runBlocking(() -> {
            Coroutines.withTimeoutOrNull(Duration.ofMillis(10), () -> {
                Coroutines.delay(Duration.ofSeconds(30));
                return null;
            });
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            Coroutines.delay(Duration.ofMillis(5)); // still able to suspend
            return "after";
        });
        assertThat(r).isEqualTo("after");
    }

    @Test
    void innerTimeoutFiresBeforeOuter() {
        String r = Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(10), () -> {
            String inner = Coroutines.withTimeoutOrNull(Duration.ofMillis(10), () -> {
                Coroutines.delay(Duration.ofSeconds(30));
                return "inner";
            });
            return inner == null ? "inner timed out" : inner;
        }));
        assertThat(r).isEqualTo("inner timed out");
    }

    @Test
    void outerCancellationIsNotReportedAsTimeout() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofMillis(20), () ->
                Coroutines.withTimeoutOrNull(Duration.ofSeconds(10), () -> {
                    Coroutines.delay(Duration.ofSeconds(30));
                    return "x";
                }))))
                .isInstanceOf(TimeoutCancellationException.class);
    }

    @Test
    void zeroTimeoutTimesOutWithoutRunningTheBlock() {
        AtomicBoolean ran = new AtomicBoolean();
        assertThat(Coroutines.runBlocking(() -> Coroutines.withTimeoutOrNull(Duration.ZERO, () -> {
            ran.set(true);
            return 1;
        }))).isNull();
        assertThatThrownBy(() -> Coroutines.withTimeout(Duration.ZERO, () -> 1))
                .isInstanceOf(TimeoutCancellationException.class);
        assertThat(ran).isFalse();
    }

    @Test
    void negativeDurationsAreRejected() {
        assertThatThrownBy(() -> Coroutines.withTimeout(Duration.ofMillis(-1), () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must not be negative");
        assertThatThrownBy(() -> Coroutines.withTimeoutOrNull(Duration.ofMillis(-1), () -> 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Coroutines.delay(Duration.ofNanos(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration must not be negative");
    }

    @Test
    void delayWaitsAtLeastTheDurationAndZeroReturnsAtOnce() {
        long t0 = System.nanoTime();
        Coroutines.runBlocking(() -> {
            Coroutines.delay(Duration.ofMillis(30));
            return null;
        });
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
        Coroutines.delay(Duration.ZERO);
    }

    @Test
    void hugeTimeoutsDoNotOverflow() {
        assertThat(Coroutines.withTimeout(Duration.ofSeconds(Long.MAX_VALUE), () -> "fine")).isEqualTo("fine");
    }

    @Test
    void timeoutWorksFromAPlainThreadToo() {
        assertThatThrownBy(() -> Coroutines.withTimeout(Duration.ofMillis(10), () -> {
            Coroutines.delay(Duration.ofSeconds(30));
            return null;
        })).isInstanceOf(TimeoutCancellationException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void timeoutCancellationIsACancellationException() {
        assertThat(new TimeoutCancellationException("x")).isInstanceOf(CancellationException.class);
    }

    @Test
    void aTimeoutThatFiredWhileTheCallerWasCancelledIsReportedAsTheCallersCancellation() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch timedOut = new CountDownLatch(1);
        CountDownLatch callerCancelled = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job caller = scope.launch(() -> {
                try {
                    // long enough for the block to be running when the time runs out
                    Coroutines.withTimeout(Duration.ofMillis(500), () -> {
                        Job timeoutScope = Coroutines.currentJob();
                        return Coroutines.nonCancellable(() -> {
                            InterruptStatusTest.until("the timeout fired", timeoutScope::isCancelled);
                            timedOut.countDown();
                            callerCancelled.await();
                            return "late";
                        });
                    });
                } catch (RuntimeException e) {
                    thrown.set(e);
                    throw e;
                }
            });
            assertThat(timedOut.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the block saw its timeout").isTrue();
            caller.cancel();
            callerCancelled.countDown();
            caller.join();
        }
        // a caller that catches TimeoutCancellationException to fall back must not swallow its own cancellation
        assertThat(thrown.get()).isInstanceOf(CancellationException.class)
                .isNotInstanceOf(TimeoutCancellationException.class);
    }
}
