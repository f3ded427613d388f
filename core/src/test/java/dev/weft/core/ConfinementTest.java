package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class ConfinementTest {

    private int plainCounter; // deliberately not volatile, not atomic

    @Test
    void tenThousandCoroutinesOnOneThreadShareAPlainIntWithoutRaces() {
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        try (CloseableDispatcher single = Dispatchers.newSingleThread("confined")) {
            plainCounter = 0;
            Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < 10_000; i++) {
                    scope.launch(() -> {
                        Coroutines.yieldNow();     // let the other coroutines run first
                        carriers.add(carrierOf(Thread.currentThread()));
                        int seen = plainCounter;   // unguarded read-modify-write ...
                        plainCounter = seen + 1;   // ... safe only because of confinement
                        Coroutines.yieldNow();
                    });
                }
                return null;
            }));
        }
        assertThat(plainCounter).isEqualTo(10_000);
        assertThat(carriers).containsExactly("confined");
    }

    @Test
    void fixedPoolOfFourRunsCoroutinesInParallel() {
        LongAdder counter = new LongAdder();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        Set<String> carriers = ConcurrentHashMap.newKeySet();
        try (CloseableDispatcher fixed = Dispatchers.newFixed(4, "fixed")) {
            Coroutines.runBlocking(fixed, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < 10_000; i++) {
                    scope.launch(() -> {
                        int now = running.incrementAndGet();
                        maxRunning.accumulateAndGet(now, Math::max);
                        carriers.add(carrierOf(Thread.currentThread()));
                        long until = System.nanoTime() + 20_000; // 20 µs of CPU work
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        counter.increment();
                        running.decrementAndGet();
                        Coroutines.yieldNow();
                        counter.increment();
                    });
                }
                return null;
            }));
        }
        assertThat(counter.sum()).isEqualTo(20_000);
        assertThat(maxRunning.get()).as("coroutines running at the same instant").isGreaterThan(1);
        assertThat(carriers).hasSizeGreaterThan(1).allMatch(n -> n.startsWith("fixed-"));
    }

    /** A mounted virtual thread prints as VirtualThread[#id,name]/runnable@carrier. */
    static String carrierOf(Thread t) {
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "?" : s.substring(at + 1);
    }
}
