package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineDebug;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The failures users report against kotlinx-coroutines-reactor, each reproduced against weft
 * (ThreadLocal capture, kotlinx #4480, and thread-context balance, kotlinx #4754/#4755, are in
 * {@link ThreadLocalPropagationTest}).
 */
class PeerGapsTest {

    @AfterEach
    void resetHooks() {
        Hooks.resetOnErrorDropped();
    }

    /**
     * A "transaction" shaped like Spring's {@code TransactionalOperator.execute}: the value is emitted
     * first, then the commit runs, then the Mono completes; a cancel rolls back.
     */
    private static Mono<String> transactional(String value, AtomicBoolean committed, AtomicBoolean rolledBack) {
        return transactional(value, committed, rolledBack, Duration.ofMillis(20));
    }

    private static Mono<String> transactional(String value, AtomicBoolean committed, AtomicBoolean rolledBack,
                                              Duration commitTime) {
        return Mono.fromDirect(Flux.usingWhen(Mono.just("tx"),
                tx -> value == null ? Mono.<String>empty() : Mono.just(value),
                tx -> Mono.delay(commitTime).doOnNext(x -> committed.set(true)),
                (tx, e) -> Mono.fromRunnable(() -> rolledBack.set(true)),
                tx -> Mono.fromRunnable(() -> rolledBack.set(true))));
    }

    @Test
    void spring25007_awaitWaitsForTheCommitAndNeverCancelsAfterTheValue() {
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean rolledBack = new AtomicBoolean();
        String v = Coroutines.runBlocking(() -> ReactorFlows.await(transactional("row", committed, rolledBack)));
        assertThat(v).isEqualTo("row");
        assertThat(committed).as("await returned after the commit").isTrue();
        assertThat(rolledBack).isFalse();

        AtomicBoolean committed2 = new AtomicBoolean();
        AtomicBoolean rolledBack2 = new AtomicBoolean();
        String none = Coroutines.runBlocking(() -> ReactorFlows.awaitOrNull(transactional(null, committed2, rolledBack2)));
        assertThat(none).isNull();
        assertThat(committed2).isTrue();
        assertThat(rolledBack2).isFalse();
    }

    @Test
    void spring25007_theFirstElementAwaitReturnsBeforeTheCommit() throws Exception {
        // the contrast: an await that resumes on the value and cancels (what kotlinx's Mono await did
        // through awaitFirstOrNull; the bridge's awaitFirstOrNull is documented to do so) returns while
        // the commit is still running: the caller reads state the transaction has not committed yet
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean rolledBack = new AtomicBoolean();
        String v = Coroutines.runBlocking(() -> ReactiveFlows.awaitFirstOrNull(
                transactional("row", committed, rolledBack, Duration.ofMillis(500))));
        assertThat(v).isEqualTo("row");
        assertThat(committed).as("returned before the commit").isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!committed.get() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(committed).as("the commit finished later, unobserved").isTrue();
    }

    @Test
    void kotlinx3608_buildersCompleteWithoutAnExtraRequest() {
        StepVerifier.create(ReactorFlows.flux(scope -> scope.send("only")), 1)
                .expectNext("only").expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(ReactorFlows.mono(() -> "only"), 1)
                .expectNext("only").expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(ReactorFlows.asFlux(Flow.flow(c -> c.emit("only"))), 1)
                .expectNext("only").expectComplete().verify(Duration.ofSeconds(5));
        StepVerifier.create(ReactorFlows.asFlux(Flow.<String>flow(c -> {
                    c.emit("only");
                    throw new IllegalStateException("after");
                })), 1)
                .expectNext("only").expectErrorMessage("after").verify(Duration.ofSeconds(5));
    }

    @Test
    void kotlinx548_aDispatcherIsAScheduler() {
        List<Boolean> virtual = Collections.synchronizedList(new ArrayList<>());
        var s = ReactorFlows.asScheduler(Dispatchers.IO);
        try {
            StepVerifier.create(Flux.range(0, 50).publishOn(s).doOnNext(i -> virtual.add(Thread.currentThread().isVirtual())))
                    .expectNextCount(50).verifyComplete();
            assertThat(virtual).hasSize(50).containsOnly(true);
        } finally {
            s.dispose();
        }
    }

    @Test
    void awaitOnANonBlockingThreadFailsFastSayingWhyAndWhatToDo() {
        Mono<Integer> awaitingOnParallel = Mono.just(1).publishOn(Schedulers.parallel())
                .map(x -> ReactorFlows.await(Mono.just(2)));
        StepVerifier.create(awaitingOnParallel).expectErrorSatisfies(e -> assertThat(e)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("non-blocking thread")
                        .hasMessageContaining("parallel-")
                        .hasMessageContaining("coroutine"))
                .verify(Duration.ofSeconds(5));
        Mono<Integer> orNull = Mono.just(1).publishOn(Schedulers.single()).map(x -> ReactorFlows.awaitOrNull(Mono.just(2)));
        StepVerifier.create(orNull).expectError(IllegalStateException.class).verify(Duration.ofSeconds(5));
        // the same await inside mono{} on a dispatcher over the parallel scheduler is fine: a coroutine
        // is a virtual thread, never a non-blocking thread
        StepVerifier.create(ReactorFlows.mono(ReactorFlows.asDispatcher(Schedulers.parallel()),
                () -> ReactorFlows.await(Mono.just(2)))).expectNext(2).verifyComplete();
    }

    @Test
    void aBodyFailureAfterCancelGoesToOnErrorDroppedOnce() throws Exception {
        List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());
        Hooks.onErrorDropped(dropped::add);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        reactor.core.Disposable d = ReactorFlows.mono(() -> {
            started.countDown();
            try {
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (CancellationException e) {
                throw new IllegalStateException("failed while cancelled");
            } finally {
                ended.countDown();
            }
            return "never";
        }).subscribe();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        d.dispose();
        assertThat(ended.await(1, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (dropped.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // Every report is made before the coroutine ends (in the subscription's finish): once no
        // coroutine is live, a second report would already be here.
        while (CoroutineDebug.liveCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(CoroutineDebug.liveCount()).as("the mono{} coroutine ended").isZero();
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("failed while cancelled"));
    }

    @Test
    void anErrorAfterTheCollectorCancelledGoesToOnErrorDropped() {
        List<Throwable> dropped = Collections.synchronizedList(new ArrayList<>());
        Hooks.onErrorDropped(dropped::add);
        AtomicReference<org.reactivestreams.Subscriber<? super Integer>> sub = new AtomicReference<>();
        Publisher<Integer> raw = s -> {
            sub.set(s);
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                    s.onError(new IllegalStateException("late")); // legal only as a dropped signal (§2.8)
                }
            });
            s.onNext(1);
        };
        List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(Flux.from(raw)).take(1).toList());
        assertThat(got).containsExactly(1);
        assertThat(dropped).singleElement().satisfies(e -> assertThat(e).hasMessage("late"));
    }
}
