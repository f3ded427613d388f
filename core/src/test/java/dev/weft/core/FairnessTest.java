package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A coroutine that waits by yielding must let every other coroutine of its dispatcher run,
 * including ones woken from outside the dispatcher (which reach the carriers by another queue).
 */
class FairnessTest {

    @Test
    void yieldingCoroutineDoesNotStarveOneStartedFromOutsideOnASingleThread() throws Exception {
        try (CloseableDispatcher single = Dispatchers.newSingleThread("fair-single");
             OwnedScope scope = CoroutineScope.of(single)) {
            AtomicBoolean flag = new AtomicBoolean();
            Job spinner = scope.launch(() -> {
                while (!flag.get()) {
                    Coroutines.yieldNow();
                }
            });
            Thread.sleep(10); // the spinner now owns the carrier, yielding in a loop
            // started from this platform thread: arrives through the submission queue
            Coroutines.runBlocking(single, () -> {
                flag.set(true);
                return null;
            });
            spinner.join();
            assertThat(spinner.isCompleted()).isTrue();
        }
    }

    @Test
    void yieldingCoroutinesDoNotStarveWakeUpsOnEveryCarrierOfAPool() throws Exception {
        int carriers = 3;
        try (CloseableDispatcher fixed = Dispatchers.newFixed(carriers, "fair-fixed");
             OwnedScope scope = CoroutineScope.of(fixed)) {
            AtomicBoolean flag = new AtomicBoolean();
            AtomicInteger spinning = new AtomicInteger();
            for (int i = 0; i < carriers; i++) {
                scope.launch(() -> {
                    spinning.incrementAndGet();
                    while (!flag.get()) {
                        Coroutines.yieldNow();
                    }
                });
            }
            while (spinning.get() < carriers) {
                Thread.sleep(1);
            }
            Coroutines.runBlocking(fixed, () -> {
                flag.set(true);
                return null;
            });
            scope.job().children().forEach(Job::join);
        }
    }
}
