package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineDebug;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import io.micrometer.context.ContextRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * ThreadLocals (SLF4J's MDC, registered in micrometer's ContextRegistry) with Reactor's automatic
 * context propagation: set in bodies before the first line and after every await, captured by
 * await as block() does, nested in order, and never left on a carrier or Reactor thread.
 * Covers kotlinx #4480 / reactor-core #3563 (await does not capture) and kotlinx #4754 / #4755
 * (asFlux restores thread context out of order or unbalanced).
 */
class ThreadLocalPropagationTest {
    private static final String KEY = "trace";

    /** Carriers we own, so the test can look at the carrier thread itself around every continuation. */
    private ExecutorService carrierPool;
    private final List<String> onCarriers = Collections.synchronizedList(new ArrayList<>());
    private Dispatcher observed;

    @BeforeAll
    static void enable() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(KEY,
                () -> MDC.get(KEY), v -> MDC.put(KEY, v), () -> MDC.remove(KEY));
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void disable() {
        Hooks.disableAutomaticContextPropagation();
        ContextRegistry.getInstance().removeThreadLocalAccessor(KEY);
    }

    @BeforeEach
    void carriers() {
        carrierPool = Executors.newFixedThreadPool(2, r -> new Thread(r, "observed-carrier"));
        observed = Dispatchers.from(task -> carrierPool.execute(() -> {
            record(MDC.get(KEY));
            task.run();
            record(MDC.get(KEY));
        }));
    }

    private void record(String v) {
        if (v != null) {
            onCarriers.add(v + " on " + Thread.currentThread());
        }
    }

    @AfterEach
    void noValueLeftAnywhere() throws Exception {
        assertThat(MDC.get(KEY)).as("test thread").isNull();
        assertThat(onCarriers).as("values seen on carrier threads").isEmpty();
        for (Scheduler s : List.of(Schedulers.parallel(), Schedulers.single(), Schedulers.boundedElastic())) {
            List<String> leftovers = Flux.range(0, 32).flatMap(i -> Mono.fromCallable(() -> String.valueOf(MDC.get(KEY)))
                    .subscribeOn(s)).filter(v -> !v.equals("null")).collectList().block(Duration.ofSeconds(5));
            assertThat(leftovers).as("values left on %s threads", s).isEmpty();
        }
        carrierPool.shutdown();
        assertThat(carrierPool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void monoBodyHasTheValueBeforeItsFirstLineAndAfterEachAwaitOnDifferentSchedulers() {
        Mono<List<String>> m = ReactorFlows.mono(observed, () -> {
            List<String> seen = new ArrayList<>();
            seen.add(MDC.get(KEY));
            ReactorFlows.await(Mono.delay(Duration.ofMillis(2), Schedulers.parallel()));
            seen.add(MDC.get(KEY));
            ReactorFlows.await(Mono.fromCallable(() -> 1).subscribeOn(Schedulers.boundedElastic()));
            seen.add(MDC.get(KEY));
            ReactorFlows.await(Mono.delay(Duration.ofMillis(2), Schedulers.single()));
            seen.add(MDC.get(KEY));
            return seen;
        });
        StepVerifier.create(m.contextWrite(Context.of(KEY, "t-1")))
                .expectNext(List.of("t-1", "t-1", "t-1", "t-1")).verifyComplete();
    }

    @Test
    void fluxBodyHasTheValueAtEverySend() {
        Flux<String> f = ReactorFlows.flux(observed, scope -> {
            for (int i = 0; i < 3; i++) {
                ReactorFlows.await(Mono.delay(Duration.ofMillis(1), Schedulers.parallel()));
                scope.send(i + ":" + MDC.get(KEY));
            }
        });
        StepVerifier.create(f.contextWrite(Context.of(KEY, "t-2")), 1)
                .expectNext("0:t-2").thenRequest(1).expectNext("1:t-2").thenRequest(1).expectNext("2:t-2")
                .verifyComplete();
    }

    @Test
    void awaitCapturesTheCoroutinesThreadLocalsAsBlockDoes() {
        Mono<String> fromContext = Mono.deferContextual(cv -> Mono.just(cv.getOrDefault(KEY, "none")));
        Mono<String> onAnotherThread = Mono.just(1).publishOn(Schedulers.parallel()).map(x -> String.valueOf(MDC.get(KEY)));
        List<String> viaAwait = Coroutines.runBlocking(observed, () -> {
            MDC.put(KEY, "from-coroutine");
            try {
                return List.of(ReactorFlows.await(fromContext), ReactorFlows.await(onAnotherThread),
                        ReactorFlows.awaitOrNull(fromContext), MDC.get(KEY));
            } finally {
                MDC.remove(KEY);
            }
        });
        assertThat(viaAwait).containsExactly("from-coroutine", "from-coroutine", "from-coroutine", "from-coroutine");
        // the same as Reactor's own block() from a thread holding the value
        MDC.put(KEY, "from-platform");
        try {
            assertThat(fromContext.block()).isEqualTo("from-platform");
            assertThat(onAnotherThread.block()).isEqualTo("from-platform");
        } finally {
            MDC.remove(KEY);
        }
    }

    @Test
    void nestedContextsRestoreInOrderAcrossSuspensions() {
        Mono<List<String>> m = ReactorFlows.mono(observed, () -> {
            List<String> seen = new ArrayList<>();
            ReactorContext.with(Context.of(KEY, "b"), () -> {
                seen.add(MDC.get(KEY));
                ReactorContext.with(Context.of(KEY, "c"), () -> {
                    ReactorFlows.await(Mono.delay(Duration.ofMillis(1)));
                    seen.add(MDC.get(KEY));
                    return null;
                });
                ReactorFlows.await(Mono.delay(Duration.ofMillis(1)));
                seen.add(MDC.get(KEY));
                return null;
            });
            seen.add(MDC.get(KEY));
            return seen;
        });
        StepVerifier.create(m.contextWrite(Context.of(KEY, "a")))
                .expectNext(List.of("b", "c", "b", "a")).verifyComplete();
    }

    @Test
    void asFluxUnderAsyncBackpressureKeepsTheValueBalanced() {
        // kotlinx #4754/#4755: with a thread-context element, asFlux under async backpressure left a
        // scope open (or restored it out of order). Here each emission parks for demand, and nested
        // blocks wrap suspensions; every reading must be exact and nothing may stay on a thread.
        Flow<String> flow = Flow.flow(c -> {
            for (int i = 0; i < 3; i++) {
                int k = i;
                ReactorContext.with(Context.of(KEY, "inner-" + k), () -> {
                    ReactorFlows.await(Mono.delay(Duration.ofMillis(1), Schedulers.parallel()));
                    c.emit(k + ":" + MDC.get(KEY));
                    return null;
                });
                c.emit(k + ":" + MDC.get(KEY));
            }
        });
        StepVerifier.create(ReactorFlows.asFlux(flow, observed).publishOn(Schedulers.single(), 1)
                        .contextWrite(Context.of(KEY, "outer")), 1)
                .expectNext("0:inner-0").thenAwait(Duration.ofMillis(5)).thenRequest(1).expectNext("0:outer")
                .thenRequest(2).expectNext("1:inner-1", "1:outer")
                .thenRequest(Long.MAX_VALUE).expectNext("2:inner-2", "2:outer").verifyComplete();
    }

    @Test
    void aCancelledBodyLeavesNothingBehind() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        List<String> seenInBody = Collections.synchronizedList(new ArrayList<>());
        Mono<String> m = ReactorFlows.mono(observed, () -> {
            seenInBody.add(String.valueOf(MDC.get(KEY)));
            started.countDown();
            try {
                ReactorFlows.await(Mono.never());
                return "never";
            } finally {
                ended.countDown();
            }
        });
        StepVerifier.create(m.contextWrite(Context.of(KEY, "gone")))
                .expectSubscription()
                .then(() -> assertThat(awaitQuietly(started)).as("the body started").isTrue())
                .thenCancel()
                .verify();
        assertThat(ended.await(5, TimeUnit.SECONDS)).as("the cancel ended the body's await").isTrue();
        assertThat(seenInBody).containsExactly("gone");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (CoroutineDebug.liveCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(CoroutineDebug.liveCount()).as("the body's coroutine ended").isZero();
        // @AfterEach then finds the value on no carrier, Reactor thread or the test thread
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
