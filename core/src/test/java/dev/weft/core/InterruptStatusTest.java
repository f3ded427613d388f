package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * An interrupt is a cancellation and is never swallowed: when a scope returns, the caller's
 * interrupt status says whether the caller is cancelled or was interrupted from outside weft.
 */
class InterruptStatusTest {

    /** Runs {@code action} on a fresh platform thread whose interrupt status is set first. */
    private static <T> T onInterruptedPlatformThread(Supplier<T> action, AtomicBoolean interruptedAfter) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                result.set(action.get());
            } catch (Throwable e) {
                failure.set(e);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        if (failure.get() != null) {
            throw new AssertionError("action failed", failure.get());
        }
        return result.get();
    }

    @Test
    void scopesThatDoNotSuspendKeepAPendingInterruptOfAPlatformThread() throws Exception {
        AtomicBoolean after = new AtomicBoolean();
        assertThat(onInterruptedPlatformThread(() -> Coroutines.<Integer>coroutineScope(s -> 1), after)).isEqualTo(1);
        assertThat(after).as("coroutineScope").isTrue();
        assertThat(onInterruptedPlatformThread(() -> Coroutines.<Integer>supervisorScope(s -> 2), after)).isEqualTo(2);
        assertThat(after).as("supervisorScope").isTrue();
        assertThat(onInterruptedPlatformThread(() -> Coroutines.withTimeout(Duration.ofSeconds(30), () -> 3), after))
                .isEqualTo(3);
        assertThat(after).as("withTimeout").isTrue();
        assertThat(onInterruptedPlatformThread(() -> Coroutines.nonCancellable(() -> 4), after)).isEqualTo(4);
        assertThat(after).as("nonCancellable").isTrue();
    }

    @Test
    void aForeignInterruptOfACoroutineSurvivesAScopeAndCancelsItAtTheNextSuspensionPoint() throws Exception {
        AtomicBoolean interruptedAfterScope = new AtomicBoolean();
        AtomicBoolean interruptedAfterNonCancellable = new AtomicBoolean();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job a = scope.launch(() -> {
                Thread.currentThread().interrupt(); // from outside weft: a cancellation of this coroutine
                Coroutines.coroutineScope(s -> null);
                interruptedAfterScope.set(Thread.currentThread().isInterrupted());
                Coroutines.delay(Duration.ofSeconds(30));
            });
            Job b = scope.launch(() -> {
                Thread.currentThread().interrupt();
                Coroutines.nonCancellable(() -> null);
                interruptedAfterNonCancellable.set(Thread.currentThread().isInterrupted());
                Coroutines.delay(Duration.ofSeconds(30));
            });
            assertThat(Coroutines.withTimeoutOrNull(Duration.ofSeconds(10), () -> {
                a.join();
                b.join();
                return true;
            })).as("both coroutines ended by their interrupt").isTrue();
            assertThat(a.isCancelled()).isTrue();
            assertThat(b.isCancelled()).isTrue();
        }
        assertThat(interruptedAfterScope).isTrue();
        assertThat(interruptedAfterNonCancellable).isTrue();
    }

    @Test
    void interruptingAPlatformThreadThatWaitsForAScopesChildrenCancelsThem() throws Exception {
        AtomicReference<Thread> child = new AtomicReference<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        AtomicBoolean childCancelled = new AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                Coroutines.coroutineScope(scope -> {
                    scope.launch(() -> {
                        child.set(Thread.currentThread());
                        try {
                            Coroutines.delay(Duration.ofSeconds(60));
                        } catch (CancellationException e) {
                            childCancelled.set(true);
                            throw e;
                        }
                    });
                    return "returned";
                });
            } catch (Throwable t) {
                outcome.set(t);
            }
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        until("the child is suspended and the caller waits for it", () -> {
            Thread c = child.get();
            return c != null && c.getState() == Thread.State.TIMED_WAITING && caller.getState() == Thread.State.WAITING;
        });
        caller.interrupt();
        caller.join(10_000);
        boolean stuck = caller.isAlive();
        if (stuck) {
            child.get().interrupt(); // leave nothing behind if the assertion below fails
            caller.join(10_000);
        }
        assertThat(stuck).as("the interrupted caller stopped waiting").isFalse();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
        assertThat(childCancelled).isTrue();
        assertThat(interruptedAfter).isTrue();
    }

    @Test
    void timeoutsRacingCompletionLeaveTheCallerUncancelled() {
        int iterations = 2_000;
        Integer ok = Coroutines.runBlocking(() -> {
            int inTime = 0;
            for (int i = 0; i < iterations; i++) {
                Integer r = Coroutines.withTimeoutOrNull(Duration.ofNanos(i % 50 * 1_000), () -> {
                    Coroutines.yieldNow();
                    return 1;
                });
                if (Thread.currentThread().isInterrupted()) {
                    throw new AssertionError("interrupt status set after iteration " + i);
                }
                Coroutines.ensureActive();
                inTime += r == null ? 0 : r;
            }
            return inTime;
        });
        assertThat(ok).isBetween(0, iterations);
    }

    @Test
    void aCoroutineCancelledWhileEnteringNestedScopesLeavesThemWithItsInterruptSet() {
        int iterations = 500;
        for (int i = 0; i < iterations; i++) {
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            AtomicBoolean entered = new AtomicBoolean();
            try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
                Job j = scope.launch(() -> {
                    try {
                        Coroutines.coroutineScope(s -> {
                            entered.set(true);
                            return Coroutines.coroutineScope(s2 -> {
                                Coroutines.delay(Duration.ofSeconds(30));
                                return null;
                            });
                        });
                    } catch (CancellationException e) {
                        // expected: the body only ends by the cancel below
                    } finally {
                        flagAfter.set(Thread.currentThread().isInterrupted());
                    }
                });
                if (i % 2 == 0) {
                    until("the coroutine entered its scope", entered::get);
                }
                j.cancel();
                j.join();
                if (flagAfter.get() != null) { // null: cancelled before its body started
                    assertThat(flagAfter.get()).as("iteration " + i).isTrue();
                }
            }
        }
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void interruptedPlatformThreadStillSeesCancellationFromScopes() {
        // a plain thread with its interrupt set is cancelled: a suspension point inside a scope throws
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Coroutines.coroutineScope(s -> {
                Coroutines.delay(Duration.ofMillis(1));
                return null;
            })).isInstanceOf(CancellationException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
