package dev.weft.samples;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineName;
import dev.weft.core.CoroutineScope;
import dev.weft.core.OwnedScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.util.concurrent.CountDownLatch;
import reactor.core.publisher.Flux;

/**
 * The README's demo: shows, with numbers measured on the machine that runs it, the claims weft
 * grew from — coroutines are cheap to create and to keep (a million fit in one JVM), many of them
 * can share one thread without data races, and structured concurrency makes asynchronous code read
 * like sequential code.
 */
public final class Demo {
    private static int sharedCounter; // plain int, guarded only by confinement

    private Demo() {
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("weft demo on " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        aMillionCoroutines(100_000, false); // warm-up: compiled frames are smaller than interpreted ones
        aMillionCoroutines(1_000_000, true);
        confinement(10_000);
        structuredConcurrency();
        fluxThroughAFlow(1_000_000);
    }

    static void fluxThroughAFlow(int n) {
        long t0 = System.nanoTime();
        Flow<Long> evenSquares = ReactiveFlows.asFlow(Flux.range(0, n))
                .filter(i -> i % 2 == 0)
                .map(i -> (long) i * i)
                .flowOn(Dispatchers.IO)
                .buffer(256);
        Long sum = Flux.from(ReactiveFlows.asPublisher(evenSquares)).reduce(0L, Long::sum).block();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("4. a Flux of %,d elements, processed as a flow on the IO dispatcher and handed back as a Flux "
                + "(backpressure end to end): sum of even squares %,d in %d ms%n", n, sum, ms);
    }

    static void aMillionCoroutines(int n, boolean report) throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        CountDownLatch parked = new CountDownLatch(n);
        long heapBefore = usedHeap(mem);
        long t0 = System.nanoTime();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            for (int i = 0; i < n; i++) {
                scope.launch(() -> {
                    parked.countDown();
                    Coroutines.delay(Duration.ofHours(1)); // suspended: the virtual thread is parked, its carrier free
                });
            }
            parked.await();
            long launched = System.nanoTime() - t0;
            long heap = usedHeap(mem) - heapBefore;
            if (!report) {
                return;
            }
            System.out.printf("1. %,d coroutines launched and suspended at once in %,d ms (%.2f µs each), "
                            + "holding %,d MB of heap: %,d bytes per suspended coroutine (a platform thread reserves ~1 MB of stack)%n",
                    n, launched / 1_000_000, launched / 1000.0 / n, heap >> 20, heap / n);
        } // closing the scope cancels all of them and waits until they have ended
    }

    static void confinement(int n) {
        try (CloseableDispatcher single = Dispatchers.newSingleThread("demo-single")) {
            sharedCounter = 0;
            Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
                for (int i = 0; i < n; i++) {
                    scope.launch(() -> {
                        Coroutines.yieldNow();
                        int seen = sharedCounter;
                        sharedCounter = seen + 1;
                    });
                }
                return null;
            }));
            System.out.printf("2. %,d coroutines on one thread incremented a plain int to %,d (no locks, no atomics, no lost updates)%n",
                    n, sharedCounter);
        }
    }

    static void structuredConcurrency() {
        long t0 = System.nanoTime();
        String result = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<String> user = scope.async(CoroutineName.of("load-user"), () -> {
                Coroutines.delay(Duration.ofMillis(100));
                return "ada";
            });
            Deferred<Integer> orders = scope.async(CoroutineName.of("load-orders"), () -> {
                Coroutines.delay(Duration.ofMillis(100));
                return 3;
            });
            String slow = Coroutines.withTimeoutOrNull(Duration.ofMillis(50), () -> {
                Coroutines.delay(Duration.ofSeconds(10));
                return "never";
            });
            return user.await() + " has " + orders.await() + " orders; slow call " + (slow == null ? "timed out" : slow);
        }));
        System.out.printf("3. sequential-looking code ran two 100 ms calls concurrently: \"%s\" in %d ms%n",
                result, (System.nanoTime() - t0) / 1_000_000);
    }

    private static long usedHeap(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
