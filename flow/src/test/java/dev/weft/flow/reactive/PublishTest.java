package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ClosedSendChannelException;
import dev.weft.core.channels.ProducerScope;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PublishTest {

    @Test
    void sendsAreDeliveredInOrderThenCompletes() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>(Long.MAX_VALUE);
        ReactiveFlows.<Integer>publish(scope -> {
            for (int i = 0; i < 100; i++) {
                scope.send(i);
            }
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactlyElementsOf(IntStream.range(0, 100).boxed().toList());
        assertThat(s.completed).isTrue();
    }

    @Test
    void sendSuspendsUntilDemand() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.<Integer>publish(scope -> {
            for (int i = 0; i < 10; i++) {
                scope.send(i);
                sent.incrementAndGet();
            }
        }).subscribe(s);
        Thread.sleep(50);
        assertThat(sent.get()).isZero();
        s.request(2);
        s.awaitValues(2);
        Thread.sleep(50);
        assertThat(sent.get()).isEqualTo(2);
        assertThat(s.values).containsExactly(0, 1);
        s.request(100);
        s.awaitTerminated();
        assertThat(sent.get()).isEqualTo(10);
    }

    @Test
    void trySendSucceedsOnlyWithDemand() throws Exception {
        CompletableFuture<List<Object>> results = new CompletableFuture<>();
        CountDownLatch requested = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.<Integer>publish(scope -> {
            List<Object> r = new CopyOnWriteArrayList<>();
            r.add(scope.trySend(1)); // no demand yet
            requested.await();
            r.add(scope.trySend(2));
            r.add(scope.trySend(3)); // demand was 1
            scope.close();
            r.add(scope.trySend(4));
            results.complete(r);
        }).subscribe(s);
        Thread.sleep(20);
        s.request(1);
        requested.countDown();
        List<Object> r = results.get(10, TimeUnit.SECONDS);
        assertThat(r.get(0)).isInstanceOf(ChannelResult.Failure.class);
        assertThat(r.get(1)).isInstanceOf(ChannelResult.Success.class);
        assertThat(r.get(2)).isInstanceOf(ChannelResult.Failure.class);
        assertThat(r.get(3)).isInstanceOf(ChannelResult.Closed.class);
        assertThat(((ChannelResult.Closed<?>) r.get(3)).cause()).isNull();
        s.awaitTerminated();
        assertThat(s.values).containsExactly(2);
        assertThat(s.completed).isTrue();
    }

    @Test
    void closeWithCauseSignalsThatCause() throws Exception {
        IOException boom = new IOException("boom");
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.send(1);
            assertThat(scope.close(boom)).isTrue();
            assertThat(scope.close()).isFalse();
            assertThat(scope.isClosedForSend()).isTrue();
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
        assertThat(s.error).isSameAs(boom);
    }

    @Test
    void sendAfterCloseFails() throws Exception {
        AtomicReference<Throwable> normal = new AtomicReference<>();
        AtomicReference<Throwable> withCause = new AtomicReference<>();
        TestSubscriber<Integer> s1 = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.close();
            try {
                scope.send(1);
            } catch (Throwable t) {
                normal.set(t);
            }
        }).subscribe(s1);
        s1.awaitTerminated();
        assertThat(normal.get()).isInstanceOf(ClosedSendChannelException.class);
        assertThat(s1.completed).isTrue();

        IllegalStateException cause = new IllegalStateException("cause");
        TestSubscriber<Integer> s2 = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.close(cause);
            try {
                scope.send(1);
            } catch (Throwable t) {
                withCause.set(t);
            }
        }).subscribe(s2);
        s2.awaitTerminated();
        assertThat(withCause.get()).isSameAs(cause);
        assertThat(s2.error).isSameAs(cause);
    }

    @Test
    void blockFailureIsSignalledAsThrown() throws Exception {
        IOException boom = new IOException("boom");
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.send(1);
            throw boom;
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
        assertThat(s.error).isSameAs(boom);
    }

    @Test
    void childFailureIsSignalledAsThrownLikeTheBlocksOwn() throws Exception {
        // as in channelFlow: a checked exception of a helper coroutine reaches onError unwrapped,
        // the same as one thrown by the block itself
        IOException boom = new IOException("boom");
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.send(1);
            scope.launch(() -> {
                throw boom;
            });
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
        assertThat(s.error).isSameAs(boom);

        IOException fromAsync = new IOException("async");
        TestSubscriber<Integer> s2 = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.async(() -> {
                throw fromAsync;
            });
        }).subscribe(s2);
        s2.awaitTerminated();
        assertThat(s2.error).isSameAs(fromAsync);
    }

    @Test
    void childrenMaySendAndAreAwaitedBeforeCompletion() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>(Long.MAX_VALUE);
        ReactiveFlows.<Integer>publish(scope -> {
            for (int c = 0; c < 4; c++) {
                int base = c * 1000;
                scope.launch(() -> {
                    for (int i = 0; i < 250; i++) {
                        scope.send(base + i);
                    }
                });
            }
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.completed).isTrue();
        assertThat(s.values).hasSize(1000).doesNotHaveDuplicates();
        for (int c = 0; c < 4; c++) {
            int base = c * 1000;
            List<Integer> fromChild = s.values.stream().filter(v -> v >= base && v < base + 1000).toList();
            assertThat(fromChild).as("each child's elements stay in order").isSorted().hasSize(250);
        }
    }

    @Test
    void concurrentSendersNeverSignalConcurrently() throws Exception {
        AtomicInteger inOnNext = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        TestSubscriber<Integer> s = new TestSubscriber<>() {
            @Override
            public void onNext(Integer t) {
                if (inOnNext.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                super.onNext(t);
                inOnNext.decrementAndGet();
                sub().request(1);
            }
        };
        ReactiveFlows.<Integer>publish(scope -> {
            for (int c = 0; c < 4; c++) {
                scope.launch(() -> {
                    for (int i = 0; i < 500; i++) {
                        scope.send(i);
                    }
                });
            }
        }).subscribe(s);
        s.request(1);
        s.awaitTerminated();
        assertThat(s.values).hasSize(2000);
        assertThat(overlaps.get()).isZero();
    }

    @Test
    void cancelClosesTheChannelRunsTheHandlerAndCancelsTheProducer() throws Exception {
        CompletableFuture<Throwable> handlerCause = new CompletableFuture<>();
        CompletableFuture<Throwable> sendFailure = new CompletableFuture<>();
        TestSubscriber<Integer> s = new TestSubscriber<>(3);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.invokeOnClose(handlerCause::complete);
            try {
                for (int i = 0; ; i++) {
                    scope.send(i);
                }
            } catch (Throwable t) {
                sendFailure.complete(t);
                throw t;
            }
        }).subscribe(s);
        s.awaitValues(3);
        s.cancel();
        assertThat(handlerCause.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(sendFailure.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        Thread.sleep(20);
        assertThat(s.terminalSignals).isZero();
    }

    @Test
    void invokeOnCloseRunsOnceWithTheCauseAndOnlyOneHandlerIsAllowed() throws Exception {
        List<Object> calls = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> second = new AtomicReference<>();
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.invokeOnClose(c -> calls.add(c == null ? "null" : c));
            try {
                scope.invokeOnClose(c -> calls.add("second"));
            } catch (IllegalStateException e) {
                second.set(e);
            }
            scope.close();
            scope.close();
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(calls).containsExactly("null");
        assertThat(second.get()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invokeOnCloseAfterCloseRunsAtOnce() throws Exception {
        List<Object> calls = new CopyOnWriteArrayList<>();
        IOException cause = new IOException("c");
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> {
            scope.close(cause);
            scope.invokeOnClose(calls::add);
            assertThat(calls).containsExactly(cause);
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(calls).containsExactly(cause);
    }

    @Test
    void handlerRunsWhenTheBlockReturnsWithoutClosing() throws Exception {
        CompletableFuture<String> handler = new CompletableFuture<>();
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> scope.invokeOnClose(c -> handler.complete(String.valueOf(c))))
                .subscribe(s);
        s.awaitTerminated();
        assertThat(handler.get(10, TimeUnit.SECONDS)).isEqualTo("null");
    }

    @Test
    void awaitCloseReturnsOnCloseAfterRunningOnClose() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicReference<ProducerScope<Integer>> callbackTarget = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            callbackTarget.set(scope); // a "callback API" registration
            registered.countDown();
            scope.awaitClose(() -> events.add("unregistered"));
            events.add("after awaitClose");
        }).subscribe(s);
        assertThat(registered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread callback = Thread.ofPlatform().start(() -> {
            ProducerScope<Integer> scope = callbackTarget.get();
            for (int i = 0; i < 5; i++) {
                while (!scope.trySend(i).isSuccess()) {
                    Thread.onSpinWait();
                }
            }
            scope.close();
        });
        callback.join();
        s.awaitTerminated();
        assertThat(s.values).containsExactly(0, 1, 2, 3, 4);
        assertThat(s.completed).isTrue();
        assertThat(events).containsExactly("unregistered", "after awaitClose");
    }

    @Test
    void awaitCloseRunsOnCloseAndThrowsWhenCancelled() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CountDownLatch unregistered = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> {
            try {
                scope.awaitClose(unregistered::countDown);
                thrown.complete(null);
            } catch (Throwable t) {
                thrown.complete(t);
                throw t;
            }
        }).subscribe(s);
        Thread.sleep(20);
        s.cancel();
        assertThat(unregistered.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(thrown.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void badRequestFailsTheSubscriberAndCancelsTheProducer() throws Exception {
        CompletableFuture<Throwable> producer = new CompletableFuture<>();
        CountDownLatch running = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>();
        ReactiveFlows.<Integer>publish(scope -> {
            try {
                running.countDown();
                scope.send(1); // parks: no demand
            } catch (Throwable t) {
                producer.complete(t);
                throw t;
            }
        }).subscribe(s);
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        s.request(-3);
        s.awaitTerminated();
        assertThat(s.error).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("§3.9");
        assertThat(producer.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }

    @Test
    void nullArgumentsAreRejected() throws Exception {
        AtomicReference<Throwable> sendNull = new AtomicReference<>();
        AtomicReference<Throwable> trySendNull = new AtomicReference<>();
        AtomicReference<Throwable> handlerNull = new AtomicReference<>();
        AtomicReference<Throwable> awaitNull = new AtomicReference<>();
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> {
            sendNull.set(catching(() -> scope.send(null)));
            trySendNull.set(catching(() -> scope.trySend(null)));
            handlerNull.set(catching(() -> scope.invokeOnClose(null)));
            awaitNull.set(catching(() -> scope.awaitClose(null)));
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(sendNull.get()).isInstanceOf(NullPointerException.class).hasMessageContaining("element");
        assertThat(trySendNull.get()).isInstanceOf(NullPointerException.class).hasMessageContaining("element");
        assertThat(handlerNull.get()).isInstanceOf(NullPointerException.class).hasMessageContaining("handler");
        assertThat(awaitNull.get()).isInstanceOf(NullPointerException.class).hasMessageContaining("onClose");
        assertThatThrownBy(() -> ReactiveFlows.publish(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("block");
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void producerScopeIsACoroutineScope() throws Exception {
        TestSubscriber<Integer> s = new TestSubscriber<>(10);
        ReactiveFlows.<Integer>publish(scope -> {
            int v = scope.async(() -> 41).await();
            scope.send(v + 1);
            assertThat(scope.isActive()).isTrue();
            assertThat(scope.channel()).isSameAs(scope);
        }).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(42);
    }
}
