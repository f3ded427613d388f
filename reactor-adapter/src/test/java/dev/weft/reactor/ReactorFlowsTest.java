package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Deferred;
import dev.weft.core.Job;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Every conversion and builder through StepVerifier: values, errors, cancellation. */
class ReactorFlowsTest {

    // ------------------------------------------------------------------ asFlow

    @Test
    void asFlowOfFluxEmitsAllElementsInOrder() {
        List<Integer> got = Coroutines.runBlocking(
                () -> ReactorFlows.asFlow(Flux.range(1, 1000).publishOn(Schedulers.parallel())).toList());
        assertThat(got).hasSize(1000).startsWith(1, 2, 3).endsWith(1000);
    }

    @Test
    void asFlowOfMonoEmitsTheValueOrNothing() {
        assertThat(Coroutines.runBlocking(() -> ReactorFlows.asFlow(Mono.just("x")).toList())).containsExactly("x");
        assertThat(Coroutines.runBlocking(() -> ReactorFlows.asFlow(Mono.<String>empty()).toList())).isEmpty();
    }

    @Test
    void asFlowRethrowsTheFluxError() {
        assertThatThrownBy(() -> Coroutines.runBlocking(
                () -> ReactorFlows.asFlow(Flux.concat(Flux.just(1), Flux.error(new IllegalStateException("bad")))).toList()))
                .isInstanceOf(IllegalStateException.class).hasMessage("bad");
    }

    @Test
    void anEarlyStopOfTheFlowCancelsTheFlux() {
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Integer> got = Coroutines.runBlocking(() -> ReactorFlows.asFlow(
                Flux.range(1, 1_000_000).doOnCancel(() -> cancelled.set(true))).take(3).toList());
        assertThat(got).containsExactly(1, 2, 3);
        assertThat(cancelled).isTrue();
    }

    @Test
    void cancellingTheCollectorCancelsTheFlux() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(() -> ReactorFlows.asFlow(Flux.never().doOnCancel(cancelled::countDown)).collect(v -> { }));
            Coroutines.delay(Duration.ofMillis(20));
            j.cancel();
            return null;
        }));
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
    }

    // ------------------------------------------------------------------ asFlux

    @Test
    void asFluxEmitsAgainstDemandAndCompletesWithoutAnotherRequest() {
        StepVerifier.create(ReactorFlows.asFlux(Flow.of(1, 2, 3)), 0)
                .expectSubscription().expectNoEvent(Duration.ofMillis(50))
                .thenRequest(2).expectNext(1, 2).expectNoEvent(Duration.ofMillis(50))
                .thenRequest(1).expectNext(3)
                .expectComplete() // kotlinx #3608: no extra request needed for onComplete
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void asFluxSignalsTheFlowError() {
        Flow<Integer> failing = Flow.flow(c -> {
            c.emit(1);
            throw new IOException("io");
        });
        StepVerifier.create(ReactorFlows.asFlux(failing), 1).expectNext(1)
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IOException.class).hasMessage("io"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancellingAsFluxCancelsTheCollectingCoroutine() throws Exception {
        CountDownLatch finallyRan = new CountDownLatch(1);
        Flow<Integer> slow = Flow.flow(c -> {
            try {
                c.emit(1);
                Coroutines.delay(Duration.ofSeconds(30));
            } finally {
                finallyRan.countDown();
            }
        });
        StepVerifier.create(ReactorFlows.asFlux(slow)).expectNext(1).thenCancel().verify(Duration.ofSeconds(5));
        assertThat(finallyRan.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void roundTripFluxToFlowToFlux() {
        StepVerifier.create(ReactorFlows.asFlux(ReactorFlows.asFlow(Flux.range(0, 10_000)).map(i -> i * 2)))
                .expectNextCount(10_000).verifyComplete();
    }

    // ------------------------------------------------------------------ mono{} / flux{}

    @Test
    void monoBuilderIsColdAndRunsOnceperSubscription() {
        AtomicInteger runs = new AtomicInteger();
        Mono<Integer> m = ReactorFlows.mono(() -> {
            Coroutines.delay(Duration.ofMillis(5));
            return runs.incrementAndGet();
        });
        assertThat(runs).hasValue(0);
        StepVerifier.create(m).expectNext(1).verifyComplete();
        StepVerifier.create(m).expectNext(2).verifyComplete();
    }

    @Test
    void monoBuilderNullCompletesEmptyAndExceptionIsOnError() {
        StepVerifier.create(ReactorFlows.mono(() -> null)).verifyComplete();
        StepVerifier.create(ReactorFlows.mono(() -> {
            throw new IOException("checked");
        })).expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IOException.class).hasMessage("checked")).verify();
    }

    @Test
    void monoBuilderWaitsForDemandBeforeSignallingTheValue() {
        StepVerifier.create(ReactorFlows.mono(() -> "v"), 0).expectSubscription()
                .expectNoEvent(Duration.ofMillis(50)).thenRequest(1).expectNext("v").verifyComplete();
    }

    @Test
    void monoBuilderRejectsANonPositiveRequestCitingTheRule() throws Exception {
        for (long n : new long[] {0, -1}) {
            java.util.concurrent.CompletableFuture<Throwable> error = new java.util.concurrent.CompletableFuture<>();
            ReactorFlows.mono(() -> "v").subscribe(new reactor.core.publisher.BaseSubscriber<String>() {
                @Override
                protected void hookOnSubscribe(org.reactivestreams.Subscription s) {
                    s.request(n);
                }

                @Override
                protected void hookOnError(Throwable t) {
                    error.complete(t);
                }
            });
            assertThat(error.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3.9");
        }
    }

    @Test
    void disposingMonoCancelsTheBodyAndItsFinallyRunsWithinASecond() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch finallyRan = new CountDownLatch(1);
        AtomicBoolean sawCancellation = new AtomicBoolean();
        reactor.core.Disposable d = ReactorFlows.mono(() -> {
            started.countDown();
            try {
                Coroutines.delay(Duration.ofSeconds(30));
            } catch (CancellationException e) {
                sawCancellation.set(true);
                throw e;
            } finally {
                finallyRan.countDown();
            }
            return "never";
        }).subscribe();
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        d.dispose();
        assertThat(finallyRan.await(1, TimeUnit.SECONDS)).isTrue();
        assertThat(sawCancellation).isTrue();
    }

    @Test
    void fluxBuilderSendsOnlyAgainstDemand() {
        AtomicInteger sent = new AtomicInteger();
        Flux<Integer> f = ReactorFlows.flux(scope -> {
            for (int i = 0; i < 10; i++) {
                scope.send(i);
                sent.incrementAndGet();
            }
        });
        StepVerifier.create(f, 3).expectNext(0, 1, 2)
                .then(() -> assertThat(sent.get()).isLessThanOrEqualTo(3))
                .expectNoEvent(Duration.ofMillis(50))
                .thenRequest(Long.MAX_VALUE).expectNextCount(7).verifyComplete();
    }

    @Test
    void fluxBuilderErrorAndCancellation() throws Exception {
        StepVerifier.create(ReactorFlows.<Integer>flux(scope -> {
            scope.send(1);
            throw new IllegalArgumentException("nope");
        })).expectNext(1).expectErrorMessage("nope").verify();

        CountDownLatch finallyRan = new CountDownLatch(1);
        StepVerifier.create(ReactorFlows.<Integer>flux(scope -> {
            try {
                scope.send(1);
                Coroutines.delay(Duration.ofSeconds(30));
            } finally {
                finallyRan.countDown();
            }
        })).expectNext(1).thenCancel().verify();
        assertThat(finallyRan.await(1, TimeUnit.SECONDS)).isTrue();
    }

    // ------------------------------------------------------------------ await

    @Test
    void awaitReturnsTheValueFromAnotherScheduler() {
        String v = Coroutines.runBlocking(() -> ReactorFlows.await(
                Mono.delay(Duration.ofMillis(10)).map(x -> "late")));
        assertThat(v).isEqualTo("late");
    }

    @Test
    void awaitOfAnEmptyMonoFailsAndAwaitOrNullReturnsNull() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> ReactorFlows.await(Mono.empty())))
                .isInstanceOf(NoSuchElementException.class).hasMessageContaining("awaitOrNull");
        String none = Coroutines.runBlocking(() -> ReactorFlows.<String>awaitOrNull(Mono.empty()));
        assertThat(none).isNull();
        assertThat(Coroutines.runBlocking(() -> ReactorFlows.awaitOrNull(Mono.just(4)))).isEqualTo(4);
    }

    @Test
    void awaitRethrowsTheMonoError() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> ReactorFlows.await(Mono.error(new IllegalStateException("x")))))
                .isInstanceOf(IllegalStateException.class).hasMessage("x");
    }

    @Test
    void cancellingTheAwaitingCoroutineCancelsTheSubscription() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicBoolean threw = new AtomicBoolean();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job j = scope.launch(() -> {
                try {
                    ReactorFlows.await(Mono.never().doOnCancel(cancelled::countDown));
                } catch (CancellationException e) {
                    threw.set(true);
                    throw e;
                }
            });
            Coroutines.delay(Duration.ofMillis(20));
            j.cancel();
            return null;
        }));
        assertThat(cancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(threw).isTrue();
    }

    @Test
    void awaitFromAPlatformThreadBlocksIt() {
        assertThat(ReactorFlows.await(Mono.delay(Duration.ofMillis(5)).thenReturn("blocked"))).isEqualTo("blocked");
    }

    // ------------------------------------------------------------------ asMono

    @Test
    void asMonoOfDeferredSignalsItsValueFailureOrEmpty() {
        try (var scope = CoroutineScope.supervisor(dev.weft.core.Dispatchers.DEFAULT)) {
            Deferred<String> ok = scope.async(() -> {
                Coroutines.delay(Duration.ofMillis(10));
                return "done";
            });
            StepVerifier.create(ReactorFlows.asMono(ok)).expectNext("done").verifyComplete();
            Deferred<String> none = scope.async(() -> null);
            StepVerifier.create(ReactorFlows.asMono(none)).verifyComplete();
            Deferred<String> bad = scope.async(() -> {
                throw new IllegalStateException("bad");
            });
            StepVerifier.create(ReactorFlows.asMono(bad)).expectErrorMessage("bad").verify();
            Deferred<String> cancelled = scope.async(() -> {
                Coroutines.delay(Duration.ofSeconds(30));
                return "never";
            });
            cancelled.cancel();
            StepVerifier.create(ReactorFlows.asMono(cancelled)).expectError(CancellationException.class).verify();
        }
    }

    @Test
    void asMonoOfJobCompletesWhenItDoesAndCancellingTheSubscriptionLeavesTheJob() {
        try (var scope = CoroutineScope.of(dev.weft.core.Dispatchers.DEFAULT)) {
            Job j = scope.launch(() -> Coroutines.delay(Duration.ofMillis(20)));
            StepVerifier.create(ReactorFlows.asMono(j)).verifyComplete();
            Job slow = scope.launch(() -> Coroutines.delay(Duration.ofMillis(200)));
            StepVerifier.create(ReactorFlows.asMono(slow)).thenCancel().verify();
            assertThat(slow.isCancelled()).isFalse();
            slow.join();
            assertThat(slow.isCompleted()).isTrue();
        }
    }
}
