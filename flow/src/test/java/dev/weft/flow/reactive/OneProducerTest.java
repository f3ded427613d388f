package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.channels.Channels;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.flow.Flow;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code Channels.produce}, {@code channelFlow}, {@code callbackFlow} and {@code ReactiveFlows.publish}
 * share one producer scope: the same {@code awaitClose} (its {@code onClose} runs non-cancellable,
 * so it may suspend after the consumer cancelled) and the same raw failure (a checked exception of
 * the block or of a helper it launched reaches the consumer as it was thrown).
 */
class OneProducerTest {

    /** A producer that registers "a callback", then waits in awaitClose; onClose suspends. */
    private static ProducerBlock<Integer> suspendingOnClose(CountDownLatch waiting, CompletableFuture<String> onClose) {
        return scope -> {
            scope.send(1);
            waiting.countDown();
            scope.awaitClose(() -> {
                try {
                    Coroutines.delay(Duration.ofMillis(5)); // a suspending unregistration
                    onClose.complete("unregistered after a suspension");
                } catch (Throwable t) {
                    onClose.complete("onClose was cancelled: " + t);
                }
            });
        };
    }

    /** What {@code collect} throws, caught inside the coroutine (runBlocking would wrap a checked one). */
    private static Throwable collectFailure(Flow<Integer> flow) {
        return Coroutines.runBlocking(() -> {
            try {
                flow.collect(v -> { });
            } catch (Exception e) {
                return e;
            }
            throw new AssertionError("the flow completed");
        });
    }

    @Test
    void awaitCloseRunsOnCloseNonCancellableInEveryProducer() throws Exception {
        for (String kind : List.of("produce", "channelFlow", "callbackFlow", "publish")) {
            CountDownLatch waiting = new CountDownLatch(1);
            CompletableFuture<String> onClose = new CompletableFuture<>();
            ProducerBlock<Integer> block = suspendingOnClose(waiting, onClose);
            switch (kind) {
                case "produce" -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                    ReceiveChannel<Integer> ch = Channels.produce(scope, block);
                    assertThat(ch.receive()).isEqualTo(1);
                    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
                    ch.cancel();
                    return null;
                }));
                case "channelFlow" -> assertThat(Coroutines.runBlocking(() -> Flow.channelFlow(block).first()))
                        .isEqualTo(1);
                case "callbackFlow" -> assertThat(Coroutines.runBlocking(() -> Flow.callbackFlow(block).first()))
                        .isEqualTo(1);
                default -> {
                    TestSubscriber<Integer> s = new TestSubscriber<>(1);
                    ReactiveFlows.publish(block).subscribe(s);
                    s.awaitValues(1);
                    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
                    s.cancel();
                }
            }
            assertThat(onClose.get(10, TimeUnit.SECONDS)).as(kind).isEqualTo("unregistered after a suspension");
        }
    }

    @Test
    void aHelpersCheckedFailureReachesTheConsumerRaw() throws Exception {
        for (String kind : List.of("produce", "channelFlow", "publish")) {
            IOException boom = new IOException("helper of " + kind);
            ProducerBlock<Integer> block = scope -> {
                scope.launch(() -> {
                    throw boom;
                });
                scope.awaitClose(() -> { });
            };
            switch (kind) {
                case "produce" -> assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                    ReceiveChannel<Integer> ch = Channels.produce(scope, block);
                    for (Integer ignored : ch) {
                        // none
                    }
                    return null;
                }))).as(kind).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
                case "channelFlow" -> assertThat(collectFailure(Flow.channelFlow(block))).as(kind).isSameAs(boom);
                default -> {
                    TestSubscriber<Integer> s = new TestSubscriber<>(1);
                    ReactiveFlows.publish(block).subscribe(s);
                    s.awaitTerminated();
                    assertThat(s.error).as(kind).isSameAs(boom);
                }
            }
        }
    }

    @Test
    void theBlocksOwnCheckedFailureIsRawToo() throws Exception {
        IOException boom = new IOException("block");
        ProducerBlock<Integer> block = scope -> {
            scope.send(1);
            throw boom;
        };
        assertThat(collectFailure(Flow.channelFlow(block))).isSameAs(boom);
        TestSubscriber<Integer> s = new TestSubscriber<>(5);
        ReactiveFlows.publish(block).subscribe(s);
        s.awaitTerminated();
        assertThat(s.values).containsExactly(1);
        assertThat(s.error).isSameAs(boom);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> ch = Channels.produce(scope, block);
            assertThat(ch.receive()).isEqualTo(1);
            ch.receive();
            return null;
        }))).isInstanceOf(CompletionException.class).cause().isSameAs(boom);
    }

    @Test
    void aCancelledPublishProducerSeesTheCancellationAfterOnClose() throws Exception {
        CompletableFuture<Throwable> after = new CompletableFuture<>();
        CountDownLatch waiting = new CountDownLatch(1);
        TestSubscriber<Integer> s = new TestSubscriber<>(1);
        ReactiveFlows.<Integer>publish(scope -> {
            waiting.countDown();
            try {
                scope.awaitClose(() -> { });
                after.complete(null);
            } catch (CancellationException e) {
                after.complete(e);
                throw e;
            }
        }).subscribe(s);
        assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
        s.cancel();
        assertThat(after.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
