package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bridge for {@code java.util.concurrent.Flow}, against the JDK's own SubmissionPublisher. */
class JdkReactiveFlowsTest {
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        executor = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    /**
     * A SubmissionPublisher that starts submitting once a subscriber is attached, and stops when
     * the test closes it.
     */
    private SubmissionPublisher<Integer> submitting(int n, boolean complete) {
        SubmissionPublisher<Integer> p = new SubmissionPublisher<>(executor, 32);
        executor.execute(() -> {
            try {
                while (p.getNumberOfSubscribers() == 0) {
                    Thread.sleep(1);
                }
                for (int i = 0; i < n; i++) {
                    p.submit(i); // blocks while the subscriber's buffer is full: backpressure
                }
                if (complete) {
                    p.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IllegalStateException e) {
                if (!p.isClosed()) {
                    throw e;
                }
                // the test closed the publisher before all n were submitted: nothing left to do
            }
        });
        return p;
    }

    @Test
    void submissionPublisherAsFlow() {
        SubmissionPublisher<Integer> p = submitting(5000, true);
        List<Integer> got = Coroutines.runBlocking(() -> {
            List<Integer> out = new ArrayList<>();
            JdkReactiveFlows.asFlow(p, 16).collect(out::add);
            return out;
        });
        assertThat(got).isEqualTo(IntStream.range(0, 5000).boxed().toList());
    }

    @Test
    void submissionPublisherErrorIsRethrown() {
        SubmissionPublisher<Integer> p = new SubmissionPublisher<>(executor, 8);
        IllegalStateException boom = new IllegalStateException("boom");
        executor.execute(() -> {
            while (p.getNumberOfSubscribers() == 0) {
                Thread.onSpinWait();
            }
            p.submit(1);
            p.closeExceptionally(boom);
        });
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            JdkReactiveFlows.asFlow(p).collect(got::add);
            return null;
        })).isSameAs(boom);
        // closeExceptionally may discard items still buffered in the SubmissionPublisher
        assertThat(got).isSubsetOf(1);
    }

    @Test
    void earlyStopCancelsTheJdkSubscription() throws Exception {
        SubmissionPublisher<Integer> p = submitting(1_000_000, false);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            JdkReactiveFlows.asFlow(p).collect(v -> {
                if (v == 100) {
                    throw new IllegalStateException("stop");
                }
            });
            return null;
        })).hasMessage("stop");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (p.getNumberOfSubscribers() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(p.getNumberOfSubscribers()).as("the cancelled subscriber is gone").isZero();
        p.close();
    }

    @Test
    void asPublisherToAJdkSubscriber() throws Exception {
        Flow<Integer> f = c -> {
            for (int i = 0; i < 100; i++) {
                c.emit(i);
            }
        };
        List<Integer> got = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        JdkReactiveFlows.asPublisher(f).subscribe(new java.util.concurrent.Flow.Subscriber<Integer>() {
            private java.util.concurrent.Flow.Subscription s;

            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                this.s = s;
                s.request(1);
            }

            @Override
            public void onNext(Integer item) {
                got.add(item);
                s.request(1);
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        });
        assertThat(end.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(got).isEqualTo(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void jdkBadRequestSignalsIllegalArgument() throws Exception {
        CompletableFuture<Throwable> end = new CompletableFuture<>();
        JdkReactiveFlows.<Integer>asPublisher(c -> c.emit(1)).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(-1);
            }

            @Override
            public void onNext(Integer item) {
                end.complete(new AssertionError("no element expected"));
            }

            @Override
            public void onError(Throwable t) {
                end.complete(t);
            }

            @Override
            public void onComplete() {
                end.complete(null);
            }
        });
        assertThat(end.get(10, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
    }

    @Test
    void publishAndAwaitsRoundTrip() throws Exception {
        java.util.concurrent.Flow.Publisher<Integer> p = JdkReactiveFlows.publish(scope -> {
            for (int i = 1; i <= 5; i++) {
                scope.send(i);
            }
        });
        assertThat(Coroutines.runBlocking(() -> JdkReactiveFlows.awaitFirst(p))).isEqualTo(1);
        assertThat(Coroutines.runBlocking(() -> JdkReactiveFlows.awaitLast(p))).isEqualTo(5);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> JdkReactiveFlows.awaitSingle(p)))
                .isInstanceOf(IllegalArgumentException.class);
        java.util.concurrent.Flow.Publisher<Integer> empty = JdkReactiveFlows.publish(scope -> { });
        assertThat(Coroutines.runBlocking(() -> JdkReactiveFlows.awaitFirstOrNull(empty))).isNull();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> JdkReactiveFlows.awaitFirst(empty)))
                .isInstanceOf(NoSuchElementException.class);
        assertThat(Coroutines.runBlocking(() -> {
            List<Integer> out = new ArrayList<>();
            JdkReactiveFlows.asFlow(p, 2).collect(out::add);
            return out;
        })).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void misbehavingJdkPublisherIsDetected() {
        java.util.concurrent.Flow.Publisher<Integer> bad = s -> s.onSubscribe(new java.util.concurrent.Flow.Subscription() {
            @Override
            public void request(long n) {
                for (int i = 0; i <= n; i++) {
                    s.onNext(i); // one beyond demand
                }
            }

            @Override
            public void cancel() {
            }
        });
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            JdkReactiveFlows.asFlow(bad, 4).collect(v -> { });
            return null;
        })).hasMessageStartingWith("§1.1");
        CountDownLatch npeThrown = new CountDownLatch(1);
        java.util.concurrent.Flow.Publisher<Integer> nullSubscription = s -> {
            try {
                s.onSubscribe(null);
            } catch (NullPointerException e) {
                npeThrown.countDown();
            }
        };
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> JdkReactiveFlows.awaitFirst(nullSubscription)))
                .isInstanceOf(NullPointerException.class).hasMessageStartingWith("§2.13");
        assertThat(npeThrown.getCount()).isZero();
    }
}
