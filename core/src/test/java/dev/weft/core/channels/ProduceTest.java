package dev.weft.core.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.testkit.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** {@link Channels#produce}: the producer coroutine and its channel end together. */
class ProduceTest {

    @Test
    void producerSendsThenTheChannelClosesWhenTheBlockReturns() {
        List<Integer> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> ch = Channels.produce(scope, p -> {
                for (int i = 0; i < 5; i++) {
                    p.send(i);
                }
            });
            List<Integer> out = new ArrayList<>();
            for (int x : ch) {
                out.add(x);
            }
            assertThat(ch.isClosedForReceive()).isTrue();
            return out;
        }));
        assertThat(got).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void bufferedProducerRunsAheadUpToItsCapacity() {
        AtomicReference<Integer> sentBeforeFirstReceive = new AtomicReference<>();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            List<Integer> sent = new CopyOnWriteArrayList<>();
            AtomicReference<Thread> producer = new AtomicReference<>();
            ReceiveChannel<Integer> ch = Channels.produce(scope, 3, p -> {
                producer.set(Thread.currentThread());
                for (int i = 0; i < 10; i++) {
                    p.send(i);
                    sent.add(i);
                }
            });
            Waits.parked(producer);
            sentBeforeFirstReceive.set(sent.size());
            int n = 0;
            for (int ignored : ch) {
                n++;
            }
            assertThat(n).isEqualTo(10);
            return null;
        }));
        assertThat(sentBeforeFirstReceive.get()).as("three buffered, the fourth send suspended").isEqualTo(3);
    }

    @Test
    void aProducerWithADropPolicyNeverSuspends() {
        List<Integer> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            AtomicBoolean done = new AtomicBoolean();
            ReceiveChannel<Integer> ch = Channels.produce(scope, 2, BufferOverflow.DROP_OLDEST, p -> {
                for (int i = 0; i < 100; i++) {
                    p.send(i);
                }
                done.set(true);
            });
            Waits.until("the producer finished without a receiver", done::get);
            List<Integer> out = new ArrayList<>();
            for (int x : ch) {
                out.add(x);
            }
            return out;
        }));
        assertThat(got).containsExactly(98, 99);
    }

    @Test
    void aFailingProducerClosesTheChannelWithItsFailureAndFailsTheScope() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<Integer> got = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> seenByConsumer = new AtomicReference<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> ch = Channels.produce(scope, 4, p -> {
                p.send(1);
                p.send(2);
                throw boom;
            });
            try {
                for (int x : ch) {
                    got.add(x);
                }
            } catch (RuntimeException e) {
                seenByConsumer.set(e);
            }
            return null;
        }))).isSameAs(boom);
        assertThat(got).containsExactly(1, 2);
        assertThat(seenByConsumer.get()).isSameAs(boom);
    }

    @Test
    void aCheckedFailureIsTheCloseCauseAndReceiversSeeItWrapped() {
        IOException io = new IOException("read failed");
        AtomicReference<ChannelResult<Integer>> result = new AtomicReference<>();
        AtomicReference<Throwable> received = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            ReceiveChannel<Integer> ch = Channels.produce(scope, p -> {
                throw io;
            });
            Coroutines.runBlocking(() -> {
                result.set(ch.receiveCatching());
                try {
                    ch.receive();
                } catch (RuntimeException e) {
                    received.set(e);
                }
                return null;
            });
            // the producer is a child of a supervisor scope: its failure is logged as well
            LogRecord r = log.awaitOnly(Level.SEVERE);
            assertThat(r.getMessage()).startsWith("uncaught failure in coroutine");
            assertThat(r.getThrown()).isInstanceOf(CompletionException.class).hasCause(io);
        }
        assertThat(result.get()).isEqualTo(new ChannelResult.Closed<>(io));
        assertThat(received.get()).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void cancellingTheReceiveSideCancelsTheProducer() {
        AtomicBoolean producerSawCancel = new AtomicBoolean();
        AtomicBoolean producerFinally = new AtomicBoolean();
        Boolean scopeActive = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> ch = Channels.produce(scope, p -> {
                try {
                    for (int i = 0; ; i++) {
                        p.send(i);
                    }
                } catch (CancellationException e) {
                    producerSawCancel.set(true);
                    throw e;
                } finally {
                    producerFinally.set(true);
                }
            });
            assertThat(ch.receive()).isEqualTo(0);
            assertThat(ch.receive()).isEqualTo(1);
            ch.cancel();
            assertThat(ch.isClosedForReceive()).isTrue();
            assertThatThrownBy(ch::receive).isInstanceOf(CancellationException.class);
            return scope.isActive();
        }));
        assertThat(scopeActive).as("cancelling a producer is not a failure of the scope").isTrue();
        assertThat(producerSawCancel).isTrue();
        assertThat(producerFinally).isTrue();
    }

    @Test
    void cancellingTheScopeCancelsTheProducerAndClosesTheChannel() throws Exception {
        AtomicReference<Throwable> consumerSaw = new AtomicReference<>();
        AtomicBoolean gotFirst = new AtomicBoolean();
        AtomicReference<Thread> consumerThread = new AtomicReference<>();
        OwnedScope producers = CoroutineScope.of(Dispatchers.DEFAULT);
        ReceiveChannel<Integer> ch = Channels.produce(producers, p -> {
            p.send(1);
            Coroutines.delay(Duration.ofSeconds(30));
        });
        try (OwnedScope consumers = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job consumer = consumers.launch(() -> {
                assertThat(ch.receive()).isEqualTo(1);
                gotFirst.set(true);
                consumerThread.set(Thread.currentThread());
                try {
                    ch.receive();
                } catch (CancellationException e) {
                    consumerSaw.set(e);
                }
            });
            Waits.until("the first element was received", gotFirst::get);
            Waits.parked(consumerThread);
            producers.close();
            consumer.join();
        }
        assertThat(consumerSaw.get()).isInstanceOf(CancellationException.class);
        assertThat(ch.isClosedForReceive()).isTrue();
    }

    @Test
    void producingInACancelledScopeGivesAClosedChannel() {
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        scope.close();
        AtomicBoolean ran = new AtomicBoolean();
        ReceiveChannel<Integer> ch = Channels.produce(scope, p -> ran.set(true));
        assertThat(ch.receiveCatching().isClosed()).isTrue();
        assertThat(ran).isFalse();
    }

    @Test
    void theChannelStaysOpenUntilHelpersLaunchedInTheProducerScopeEnd() {
        List<String> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<String> ch = Channels.produce(scope, 8, p -> {
                p.launch(() -> {
                    Coroutines.delay(Duration.ofMillis(20));
                    p.send("from helper");
                });
                p.send("from block");
            });
            List<String> out = new ArrayList<>();
            for (String s : ch) {
                out.add(s);
            }
            return out;
        }));
        assertThat(got).containsExactly("from block", "from helper");
    }

    @Test
    void producerScopeExposesItsChannelAndJob() {
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            AtomicReference<ProducerScope<Integer>> seen = new AtomicReference<>();
            ReceiveChannel<Integer> ch = Channels.produce(scope, 1, p -> {
                seen.set(p);
                assertThat(p.channel().isClosedForSend()).isFalse();
                assertThat(p.isActive()).isTrue();
                assertThat(p.trySend(7).isSuccess()).isTrue();
                p.close();
                assertThat(p.isClosedForSend()).isTrue();
            });
            assertThat(ch.receive()).isEqualTo(7);
            assertThat(ch.receiveCatching().isClosed()).isTrue();
            assertThat(seen.get().job()).isNotNull();
            return null;
        }));
    }

    @Test
    void nullArgumentsAreRejected() {
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            assertThatThrownBy(() -> Channels.produce(null, p -> { })).isInstanceOf(NullPointerException.class).hasMessage("scope");
            assertThatThrownBy(() -> Channels.produce(scope, null)).isInstanceOf(NullPointerException.class).hasMessage("block");
            assertThatThrownBy(() -> Channels.produce(scope, -7, p -> { })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Channels.produce(scope, 1, null, p -> { })).isInstanceOf(NullPointerException.class).hasMessage("overflow");
            assertThat(scope.job().children()).as("nothing was launched").isEmpty();
        }
    }

    // ------------------------------------------------------------------ awaitClose

    @Test
    void awaitCloseKeepsACallbackRegisteredUntilTheConsumerCancels() {
        List<String> events = new CopyOnWriteArrayList<>();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<String> ch = Channels.produce(scope, 16, p -> {
                events.add("registered");
                // a "callback" that pushes events from another coroutine
                Job source = p.launch(() -> {
                    for (int i = 0; ; i++) {
                        p.send("event" + i);
                        Coroutines.delay(Duration.ofMillis(1));
                    }
                });
                p.awaitClose(() -> {
                    source.cancel();
                    Coroutines.delay(Duration.ofMillis(5)); // onClose may suspend despite the cancellation
                    events.add("unregistered");
                });
                events.add("not reached: awaitClose rethrows the cancellation");
            });
            assertThat(ch.receive()).isEqualTo("event0");
            assertThat(ch.receive()).isEqualTo("event1");
            ch.cancel();
            return null;
        }));
        assertThat(events).containsExactly("registered", "unregistered");
    }

    @Test
    void awaitCloseReturnsWhenTheChannelIsClosed() {
        List<String> events = new CopyOnWriteArrayList<>();
        List<String> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<String> ch = Channels.produce(scope, 4, p -> {
                p.launch(() -> {
                    p.send("last");
                    p.close();
                });
                p.awaitClose(() -> events.add("cleanup"));
                events.add("after awaitClose");
            });
            List<String> out = new ArrayList<>();
            for (String s : ch) {
                out.add(s);
            }
            return out;
        }));
        assertThat(got).containsExactly("last");
        assertThat(events).containsExactly("cleanup", "after awaitClose");
    }

    @Test
    void aFailingOnCloseFailsTheProducer() {
        IllegalStateException cleanupFailed = new IllegalStateException("cleanup failed");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<String> ch = Channels.produce(scope, p -> {
                p.close();
                p.awaitClose(() -> {
                    throw cleanupFailed;
                });
            });
            for (String ignored : ch) {
                // drain
            }
            return null;
        }))).isSameAs(cleanupFailed);
    }

    @Test
    void awaitCloseRejectsNull() {
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<String> ch = Channels.produce(scope, p ->
                    assertThatThrownBy(() -> p.awaitClose(null)).isInstanceOf(NullPointerException.class).hasMessage("onClose"));
            assertThat(ch.receiveCatching().isClosed()).isTrue();
            return null;
        }));
    }
}
