package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.testkit.Fixtures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** buffer, conflate, flowOn, channelFlow, callbackFlow, the channel adapters and produceIn. */
class BoundaryOpsTest {

    private static @org.jspecify.annotations.Nullable Dispatcher dispatcherHere() {
        return Coroutines.currentContext().dispatcher();
    }

    @Test
    void flowOnRunsTheUpstreamOnTheDispatcherAndTheDownstreamWhereItWas() throws Exception {
        try (CloseableDispatcher up = Dispatchers.newSingleThread("flow-up")) {
            List<Dispatcher> upstream = new CopyOnWriteArrayList<>();
            List<Dispatcher> downstream = new CopyOnWriteArrayList<>();
            List<Thread> downThreads = new CopyOnWriteArrayList<>();
            Flow<Integer> flow = Flow.<Integer>flow(out -> {
                for (int i = 0; i < 3; i++) {
                    upstream.add(dispatcherHere());
                    out.emit(i);
                }
            }).map(i -> {
                upstream.add(dispatcherHere());
                return i;
            }).flowOn(up).map(i -> {
                downstream.add(dispatcherHere());
                return i * 10;
            });
            Thread[] caller = new Thread[1];
            List<Integer> got = Coroutines.runBlocking(() -> {
                caller[0] = Thread.currentThread();
                List<Integer> l = new ArrayList<>();
                flow.collect(v -> {
                    downThreads.add(Thread.currentThread());
                    l.add(v);
                });
                return l;
            });
            assertThat(got).containsExactly(0, 10, 20);
            assertThat(upstream).hasSize(6).containsOnly(up);
            assertThat(downstream).hasSize(3).containsOnly(Dispatchers.DEFAULT);
            assertThat(downThreads).containsOnly(caller[0]);
        }
    }

    @Test
    void theFirstFlowOnFromTheProducerWins() throws Exception {
        try (CloseableDispatcher a = Dispatchers.newSingleThread("flow-a");
             CloseableDispatcher b = Dispatchers.newSingleThread("flow-b")) {
            AtomicReference<Dispatcher> where = new AtomicReference<>();
            Flow.<Integer>flow(out -> {
                where.set(dispatcherHere());
                out.emit(1);
            }).flowOn(a).flowOn(b).toList();
            assertThat(where.get()).isSameAs(a);
            Flow.<Integer>flow(out -> {
                where.set(dispatcherHere());
                out.emit(1);
            }).flowOn(a).map(x -> x).flowOn(b).toList();
            assertThat(where.get()).as("map breaks the fusion: two boundaries").isSameAs(a);
        }
    }

    @Test
    void flowOnTheCollectorsOwnDispatcherAddsNoBoundary() {
        Thread[] threads = new Thread[2];
        Coroutines.runBlocking(() -> Flow.<Integer>flow(out -> {
            threads[0] = Thread.currentThread();
            out.emit(1);
        }).flowOn(Dispatchers.DEFAULT).onEach(v -> threads[1] = Thread.currentThread()).toList());
        assertThat(threads[0]).isSameAs(threads[1]);
    }

    @Test
    void flowOnRefusesAForeignDispatcherAtAssembly() {
        Dispatcher foreign = Fixtures.foreignDispatcher();
        assertThatThrownBy(() -> Flow.of(1).flowOn(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBufferLetsTheProducerRunAheadByItsCapacityAndNoMore() throws Exception {
        assertRunsAheadBy(f -> f.buffer(5), 5);
        assertRunsAheadBy(f -> f.buffer(2).buffer(3), 5); // fused: sizes add up
        assertRunsAheadBy(f -> f.buffer(0), 0);
        assertRunsAheadBy(f -> f.flowOn(Dispatchers.IO).buffer(4), 4);
        assertRunsAheadBy(Flow::buffer, Channel.DEFAULT_BUFFER_SIZE);
    }

    /** The consumer takes one element and stalls: the producer fills the buffer plus one blocked send. */
    private static void assertRunsAheadBy(java.util.function.Function<Flow<Integer>, Flow<Integer>> op, int capacity)
            throws Exception {
        Probe probe = new Probe();
        CountDownLatch release = new CountDownLatch(1);
        Thread consumer = Thread.ofVirtual().start(() -> {
            try {
                op.apply(probe.infinite()).take(1).collect(v -> release.await());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        // at most: the one taken, a full buffer, the one suspended in send. A full buffer is
        // refilled when half drained, so if the producer filled it before the consumer took the
        // first element, one less.
        int most = capacity + 2;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (probe.emitted.get() < most - 1 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        Thread.sleep(20);
        assertThat(probe.emitted.get()).as("produced ahead with capacity " + capacity).isBetween(most - 1, most);
        release.countDown();
        consumer.join(10_000);
        assertThat(probe.finished).as("the producer was cancelled").isTrue();
    }

    @Test
    void dropPoliciesKeepTheOldestOrTheNewest() throws Exception {
        assertThat(withStalledConsumer(f -> f.buffer(2, BufferOverflow.DROP_OLDEST))).containsExactly(0, 8, 9);
        assertThat(withStalledConsumer(f -> f.buffer(2, BufferOverflow.DROP_LATEST))).containsExactly(0, 1, 2);
        assertThat(withStalledConsumer(Flow::conflate)).containsExactly(0, 9);
        assertThat(withStalledConsumer(f -> f.buffer(0, BufferOverflow.DROP_OLDEST))).containsExactly(0, 9);
        assertThat(withStalledConsumer(f -> f.buffer(Channel.UNLIMITED))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    /** 0 is taken and held by the consumer while the producer emits 1..9 and completes. */
    private static List<Integer> withStalledConsumer(java.util.function.Function<Flow<Integer>, Flow<Integer>> op)
            throws Exception {
        CountDownLatch gotFirst = new CountDownLatch(1);
        CountDownLatch producerDone = new CountDownLatch(1);
        Flow<Integer> source = Flow.flow(out -> {
            out.emit(0);
            gotFirst.await();
            for (int i = 1; i < 10; i++) {
                out.emit(i);
            }
            producerDone.countDown();
        });
        List<Integer> got = new ArrayList<>();
        op.apply(source).collect(v -> {
            got.add(v);
            if (v == 0) {
                gotFirst.countDown();
                producerDone.await();
            }
        });
        return got;
    }

    @Test
    void conflateDeliversTheLastElementToASlowCollector() {
        List<Integer> got = Flow.range(0, 200).conflate().onEach(v -> Thread.sleep(1)).toList();
        assertThat(got).isSorted().contains(199);
        assertThat(got.size()).isLessThanOrEqualTo(200);
    }

    @Test
    void bufferArgumentsAreCheckedAtAssembly() {
        assertThatThrownBy(() -> Flow.of(1).buffer(-5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> Flow.of(1).buffer(Channel.CONFLATED, BufferOverflow.DROP_LATEST))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CONFLATED");
    }

    @Test
    void aFailureCrossesTheBoundaryUnchangedAfterTheElementsBeforeIt() {
        IOException io = new IOException("up");
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> new Probe().failingAfter(3, io).buffer(10).flowOn(Dispatchers.IO).collect(got::add))
                .isSameAs(io);
        assertThat(got).containsExactly(0, 1, 2);
    }

    @Test
    void channelFlowEmitsFromSeveralCoroutinesAndEndsWhenAllHaveEnded() {
        Flow<Integer> flow = Flow.channelFlow(out -> {
            for (int k = 0; k < 3; k++) {
                int base = k * 100;
                out.launch(() -> {
                    for (int i = 0; i < 5; i++) {
                        out.send(base + i);
                    }
                });
            }
        });
        List<Integer> got = flow.toList();
        assertThat(got).hasSize(15).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 100, 101, 102, 103, 104, 200, 201, 202,
                203, 204);
    }

    @Test
    void channelFlowHelperFailureReachesTheCollectorRaw() {
        IOException io = new IOException("helper");
        AtomicBoolean otherCancelled = new AtomicBoolean();
        Flow<Integer> flow = Flow.channelFlow(out -> {
            out.launch(() -> {
                try {
                    Coroutines.delay(java.time.Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    otherCancelled.set(true);
                    throw e;
                }
            });
            out.launch(() -> {
                throw io;
            });
        });
        assertThatThrownBy(() -> flow.collect(v -> { })).isSameAs(io);
        assertThat(otherCancelled).isTrue();
        assertThatThrownBy(flow::toList).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void callbackFlowKeepsTheRegistrationUntilTheCollectionEnds() throws Exception {
        List<java.util.function.Consumer<Integer>> listeners = new CopyOnWriteArrayList<>();
        AtomicInteger unregistered = new AtomicInteger();
        Flow<Integer> events = Flow.callbackFlow(out -> {
            java.util.function.Consumer<Integer> l = out::trySend;
            listeners.add(l);
            out.awaitClose(() -> {
                listeners.remove(l);
                unregistered.incrementAndGet();
            });
        });
        Thread fire = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 1000 && unregistered.get() == 0; i++) {
                listeners.forEach(l -> l.accept(1));
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        assertThat(events.take(3).toList()).containsExactly(1, 1, 1);
        assertThat(unregistered).hasValue(1);
        assertThat(listeners).isEmpty();
        fire.join(10_000);
    }

    @Test
    void callbackFlowWithoutAwaitCloseFails() {
        Flow<Integer> bad = Flow.callbackFlow(out -> out.trySend(1));
        assertThatThrownBy(bad::toList).isInstanceOf(IllegalStateException.class).hasMessageContaining("awaitClose");
        Flow<Integer> closing = Flow.callbackFlow(out -> {
            out.trySend(1);
            out.close(); // the source is done: fine
        });
        assertThat(closing.toList()).containsExactly(1);
    }

    @Test
    void receiveAsFlowSharesTheChannelAndLeavesItOpen() throws Exception {
        Channel<Integer> ch = Channel.buffered(10);
        for (int i = 0; i < 6; i++) {
            ch.send(i);
        }
        Flow<Integer> flow = Flow.receiveAsFlow(ch);
        assertThat(flow.take(2).toList()).containsExactly(0, 1);
        assertThat(flow.take(2).toList()).containsExactly(2, 3);
        ch.close();
        assertThat(flow.toList()).containsExactly(4, 5);
        assertThat(flow.toList()).isEmpty();
    }

    @Test
    void receiveAsFlowFailsWithTheCloseCause() {
        Channel<Integer> ch = Channel.buffered(2);
        IOException io = new IOException("closed");
        ch.trySend(1);
        ch.close(io);
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Flow.receiveAsFlow(ch).collect(got::add)).isSameAs(io);
        assertThat(got).containsExactly(1);
    }

    @Test
    void consumeAsFlowIsSingleUseAndCancelsTheChannelWhenStoppedEarly() {
        Channel<Integer> ch = Channel.buffered(10);
        for (int i = 0; i < 5; i++) {
            ch.trySend(i);
        }
        Flow<Integer> flow = Flow.consumeAsFlow(ch);
        assertThat(flow.take(2).toList()).containsExactly(0, 1);
        assertThat(ch.isClosedForReceive()).as("cancelled").isTrue();
        assertThatThrownBy(flow::toList).isInstanceOf(IllegalStateException.class).hasMessageContaining("only once");
    }

    @Test
    void channelAdaptersFuseWithABuffer() {
        Channel<Integer> ch = Channel.buffered(10);
        for (int i = 0; i < 5; i++) {
            ch.trySend(i);
        }
        ch.close();
        assertThat(Flow.consumeAsFlow(ch).buffer(2).flowOn(Dispatchers.IO).toList()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void produceInFillsAChannelFromACoroutineOfTheScope() throws Exception {
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            ReceiveChannel<Integer> ch = Flow.range(0, 5).produceIn(scope);
            List<Integer> got = new ArrayList<>();
            for (Integer i : ch) {
                got.add(i);
            }
            assertThat(got).containsExactly(0, 1, 2, 3, 4);

            Probe probe = new Probe();
            ReceiveChannel<Integer> endless = probe.infinite().produceIn(scope);
            assertThat(endless.receive()).isZero();
            endless.cancel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!probe.finished.get() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertThat(probe.finished).as("cancelling the channel cancels the producer").isTrue();
        }
    }

    @Test
    void produceInFailureClosesTheChannelAndFailsTheScope() {
        IllegalStateException boom = new IllegalStateException("producer");
        assertThatThrownBy(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> ch = Flow.<Integer>error(boom).produceIn(scope);
            assertThatThrownBy(ch::receive).isSameAs(boom);
            return null;
        })).isSameAs(boom);
    }

    @Test
    void cancellingTheCollectorCancelsTheProducerOnAnotherDispatcher() throws Exception {
        Probe probe = new Probe();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> probe.infinite().flowOn(Dispatchers.IO).collect(v -> Thread.sleep(1)));
            probe.firstEmitted.await();
            job.cancel();
            job.join();
        }
        assertThat(probe.finished).isTrue();
    }
}
