package dev.weft.core.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SelectTest {

    // ------------------------------------------------------------------ choosing

    @Test
    void receivesFromTheReadyChannelAndReturnsTheHandlersResult() {
        Channel<Integer> a = Channel.buffered(1);
        Channel<String> b = Channel.buffered(1);
        b.send("x");
        String r = Select.select(s -> s
                .onReceive(a, v -> "a" + v)
                .onReceive(b, v -> "b" + v));
        assertThat(r).isEqualTo("bx");
        assertThat(a.isEmpty()).isTrue();
    }

    @Test
    void biasedSelectAlwaysPrefersTheFirstReadyClause() {
        Channel<Integer> a = Channel.unlimited();
        Channel<Integer> b = Channel.unlimited();
        for (int i = 0; i < 100; i++) {
            a.send(i);
            b.send(i);
        }
        for (int i = 0; i < 100; i++) {
            String r = Select.select(s -> s.onReceive(a, v -> "a").onReceive(b, v -> "b"));
            assertThat(r).isEqualTo("a");
        }
        assertThat(a.isEmpty()).isTrue();
        assertThat(b.tryReceive().getOrThrow()).as("b was never touched").isEqualTo(0);
    }

    @Test
    void unbiasedSelectGivesEveryReadyClauseItsShare() {
        Channel<Integer> a = Channel.unlimited();
        Channel<Integer> b = Channel.unlimited();
        Channel<Integer> c = Channel.unlimited();
        int rounds = 3000;
        for (int i = 0; i < rounds; i++) {
            a.send(i);
            b.send(i);
            c.send(i);
        }
        int[] counts = new int[3];
        for (int i = 0; i < rounds; i++) {
            int k = Select.selectUnbiased(s -> s.onReceive(a, v -> 0).onReceive(b, v -> 1).onReceive(c, v -> 2));
            counts[k]++;
        }
        // expected ~1000 each; a fair coin falls outside [700, 1300] with negligible probability
        for (int k = 0; k < 3; k++) {
            assertThat(counts[k]).as("clause %d", k).isBetween(700, 1300);
        }
    }

    @Test
    void aSuspendedSelectTakesOnlyFromTheChannelThatServedIt() {
        Channel<Integer> a = Channel.buffered(4);
        Channel<Integer> b = Channel.buffered(4);
        AtomicReference<Thread> selector = new AtomicReference<>();
        String r = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<String> d = scope.async(() -> {
                selector.set(Thread.currentThread());
                return Select.select(s -> s.onReceive(a, v -> "a" + v).onReceive(b, v -> "b" + v));
            });
            Waits.parked(selector);
            b.send(7);
            a.send(8);
            return d.await();
        }));
        assertThat(r).isEqualTo("b7");
        assertThat(a.receive()).as("the losing channel kept its element").isEqualTo(8);
        assertThat(a.isEmpty()).isTrue();
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void onSendHandsTheElementToAWaitingReceiverOrWaitsForOne() {
        Channel<String> ch = Channel.rendezvous();
        AtomicReference<Thread> selector = new AtomicReference<>();
        List<String> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<String> d = scope.async(() -> {
                selector.set(Thread.currentThread());
                return Select.select(s -> s.onSend(ch, "hi", () -> "sent"));
            });
            Waits.parked(selector);
            assertThat(ch.isEmpty()).as("the waiting onSend offers its element").isFalse();
            String received = ch.receive();
            return List.of(received, d.await());
        }));
        assertThat(got).containsExactly("hi", "sent");
    }

    @Test
    void aLosingOnSendDoesNotSend() {
        Channel<String> out = Channel.rendezvous();
        Channel<String> in = Channel.buffered(1);
        AtomicReference<Thread> selector = new AtomicReference<>();
        String r = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<String> d = scope.async(() -> {
                selector.set(Thread.currentThread());
                return Select.select(s -> s.onSend(out, "offered", () -> "sent").onReceive(in, v -> "got " + v));
            });
            Waits.parked(selector);
            in.send("input");
            String result = d.await();
            assertThat(out.tryReceive().isSuccess()).as("the withdrawn offer is gone").isFalse();
            return result;
        }));
        assertThat(r).isEqualTo("got input");
    }

    @Test
    void twoSelectsOnOppositeSidesOfARendezvousMeet() {
        for (int round = 0; round < 200; round++) {
            Channel<Integer> ch = Channel.rendezvous();
            Channel<Integer> never = Channel.rendezvous();
            int v = round;
            List<String> results = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                Deferred<String> sender = scope.async(() ->
                        Select.select(s -> s.onSend(ch, v, () -> "sent").onReceive(never, x -> "never")));
                Deferred<String> receiver = scope.async(() ->
                        Select.select(s -> s.onReceive(ch, x -> "got " + x).onSend(never, -1, () -> "never")));
                return List.of(sender.await(), receiver.await());
            }));
            assertThat(results).containsExactly("sent", "got " + round);
        }
    }

    // ------------------------------------------------------------------ timeout

    @Test
    void timeoutClauseRunsWhenNothingCompletes() {
        Channel<Integer> ch = Channel.rendezvous();
        long t0 = System.nanoTime();
        String r = Coroutines.runBlocking(() -> Select.select(s -> s
                .onReceive(ch, v -> "value")
                .onTimeout(Duration.ofMillis(30), () -> "timeout")));
        assertThat(r).isEqualTo("timeout");
        assertThat(System.nanoTime() - t0).as("it waited").isGreaterThanOrEqualTo(Duration.ofMillis(25).toNanos());
        assertThat(ch.trySend(1).isSuccess()).as("the timed-out receive left the queue").isFalse();
    }

    @Test
    void zeroTimeoutIsChosenOnlyWhenNoChannelIsReady() {
        Channel<Integer> ch = Channel.buffered(1);
        assertThat((String) Select.select(s -> s.onTimeout(Duration.ZERO, () -> "now").onReceive(ch, v -> "value")))
                .isEqualTo("now");
        ch.send(1);
        assertThat((String) Select.select(s -> s.onTimeout(Duration.ZERO, () -> "now").onReceive(ch, v -> "value")))
                .as("a ready channel beats the timeout even when declared after it").isEqualTo("value");
    }

    @Test
    void theShortestTimeoutWins() {
        String r = Select.select(s -> s
                .onTimeout(Duration.ofSeconds(30), () -> "long")
                .onTimeout(Duration.ofMillis(5), () -> "short"));
        assertThat(r).isEqualTo("short");
    }

    // ------------------------------------------------------------------ closed channels

    @Test
    void onReceiveOfAClosedChannelThrowsTheClose() {
        Channel<Integer> closed = Channel.buffered(1);
        closed.close();
        Channel<Integer> open = Channel.buffered(1);
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(closed, v -> "v").onReceive(open, v -> "o")))
                .isInstanceOf(ClosedReceiveChannelException.class);
        Channel<Integer> failed = Channel.rendezvous();
        IllegalStateException cause = new IllegalStateException("failed");
        failed.close(cause);
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(failed, v -> "v"))).isSameAs(cause);
    }

    @Test
    void onReceiveCatchingReportsTheCloseAsAResult() {
        Channel<Integer> ch = Channel.buffered(2);
        ch.send(1);
        ch.close(new IOException("eof"));
        List<ChannelResult<Integer>> got = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            got.add(Select.select(s -> s.onReceiveCatching(ch, r -> r)));
        }
        assertThat(got.get(0)).isEqualTo(new ChannelResult.Success<>(1));
        assertThat(got.get(1).isClosed()).isTrue();
        assertThat(((ChannelResult.Closed<Integer>) got.get(1)).cause()).isInstanceOf(IOException.class);
    }

    @Test
    void closingAChannelWakesASuspendedSelect() {
        Channel<Integer> a = Channel.rendezvous();
        Channel<Integer> b = Channel.rendezvous();
        AtomicReference<Thread> selector = new AtomicReference<>();
        Object r = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Object> d = scope.async(() -> {
                selector.set(Thread.currentThread());
                try {
                    return Select.select(s -> s.onReceive(a, v -> (Object) v).onReceiveCatching(b, res -> res));
                } catch (ClosedReceiveChannelException e) {
                    return e;
                }
            });
            Waits.parked(selector);
            b.close();
            return d.await();
        }));
        assertThat(r).isEqualTo(new ChannelResult.Closed<>(null));

        Object r2 = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Channel<Integer> c = Channel.rendezvous();
            AtomicReference<Thread> t = new AtomicReference<>();
            Deferred<Object> d = scope.async(() -> {
                t.set(Thread.currentThread());
                try {
                    return Select.select(s -> s.onReceive(c, v -> (Object) v));
                } catch (ClosedReceiveChannelException e) {
                    return e;
                }
            });
            Waits.parked(t);
            c.close();
            return d.await();
        }));
        assertThat(r2).isInstanceOf(ClosedReceiveChannelException.class);
    }

    @Test
    void onSendToAClosedChannelThrows() {
        Channel<Integer> ch = Channel.buffered(1);
        ch.close();
        assertThatThrownBy(() -> Select.select(s -> s.onSend(ch, 1, () -> "sent")))
                .isInstanceOf(ClosedSendChannelException.class);
    }

    @Test
    void cancellingTheChannelUnderASuspendedOnSendReportsTheElement() {
        List<Integer> undelivered = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = Channel.of(Channel.RENDEZVOUS, BufferOverflow.SUSPEND, undelivered::add);
        AtomicReference<Thread> selector = new AtomicReference<>();
        Throwable thrown = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Throwable> d = scope.async(() -> {
                selector.set(Thread.currentThread());
                try {
                    Select.select(s -> s.onSend(ch, 5, () -> "sent"));
                    return null;
                } catch (CancellationException e) {
                    return e;
                }
            });
            Waits.parked(selector);
            ch.cancel();
            return d.await();
        }));
        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(undelivered).containsExactly(5);
    }

    // ------------------------------------------------------------------ cancellation

    @Test
    void cancellingASuspendedSelectWithdrawsEveryClause() {
        Channel<Integer> a = Channel.rendezvous();
        Channel<Integer> b = Channel.rendezvous();
        AtomicReference<Thread> selector = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job j = scope.launch(() -> {
                selector.set(Thread.currentThread());
                try {
                    Select.select(s -> s.onReceive(a, v -> "a").onSend(b, 1, () -> "b")
                            .onTimeout(Duration.ofSeconds(30), () -> "t"));
                } catch (CancellationException e) {
                    thrown.set(e);
                    throw e;
                }
            });
            Waits.parked(selector);
            j.cancel();
            j.join();
        }
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(a.trySend(1).isSuccess()).as("no receive clause left in a").isFalse();
        assertThat(b.tryReceive().isSuccess()).as("no send clause left in b").isFalse();
        assertThat(a.isEmpty()).isTrue();
        assertThat(b.isEmpty()).isTrue();
    }

    // ------------------------------------------------------------------ bad input and handlers

    @Test
    void badInputIsRejected() {
        Channel<Integer> ch = Channel.buffered(1);
        assertThatThrownBy(() -> Select.select(null)).isInstanceOf(NullPointerException.class).hasMessage("clauses");
        assertThatThrownBy(() -> Select.select(s -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one clause");
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(null, v -> v)))
                .isInstanceOf(NullPointerException.class).hasMessage("channel");
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(ch, null)))
                .isInstanceOf(NullPointerException.class).hasMessage("handler");
        assertThatThrownBy(() -> Select.select(s -> s.onSend(ch, null, () -> 1)))
                .isInstanceOf(NullPointerException.class).hasMessage("element");
        assertThatThrownBy(() -> Select.select(s -> s.onTimeout(null, () -> 1)))
                .isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> Select.select(s -> s.onTimeout(Duration.ofMillis(-1), () -> 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative");
        ReceiveChannel<Integer> foreign = new ForeignChannel();
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(foreign, v -> v)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a channel made by weft");
        AtomicReference<SelectBuilder<Integer>> escaped = new AtomicReference<>();
        Select.<Integer>select(s -> {
            escaped.set(s);
            s.onTimeout(Duration.ZERO, () -> 0);
        });
        assertThatThrownBy(() -> escaped.get().onReceive(ch, v -> v)).isInstanceOf(IllegalStateException.class);
        assertThat(ch.isEmpty()).isTrue();
    }

    @Test
    void handlerFailuresPropagateCheckedOnesWrapped() {
        Channel<Integer> ch = Channel.buffered(2);
        ch.send(1);
        ch.send(2);
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(ch, v -> {
            throw new IOException("handler");
        }))).isInstanceOf(CompletionException.class).hasCauseInstanceOf(IOException.class);
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Select.select(s -> s.onReceive(ch, v -> {
            throw boom;
        }))).isSameAs(boom);
    }

    @Test
    void selectWorksOnAProducersChannel() {
        List<Integer> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            ReceiveChannel<Integer> numbers = Channels.produce(scope, p -> {
                for (int i = 0; i < 3; i++) {
                    p.send(i);
                }
            });
            List<Integer> out = new ArrayList<>();
            while (true) {
                ChannelResult<Integer> r = Select.select(s -> s.onReceiveCatching(numbers, x -> x));
                if (r.isClosed()) {
                    break;
                }
                out.add(r.getOrThrow());
            }
            return out;
        }));
        assertThat(got).containsExactly(0, 1, 2);
    }

    // ------------------------------------------------------------------ races

    @Test
    void racingSelectsNeverLoseOrDuplicateElements() {
        int senders = 4;
        int perSender = 500;
        AtomicInteger sum = new AtomicInteger();
        AtomicInteger count = new AtomicInteger();
        Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(30), () -> Coroutines.coroutineScope(scope -> {
            Channel<Integer> a = Channel.rendezvous();
            Channel<Integer> b = Channel.buffered(2);
            Channel<Integer> c = Channel.conflated();
            List<Job> producers = new ArrayList<>();
            for (int p = 0; p < senders; p++) {
                int id = p;
                producers.add(scope.launch(() -> {
                    for (int i = 1; i <= perSender; i++) {
                        int v = id * perSender + i;
                        if ((i & 1) == 0) {
                            Select.selectUnbiased(s -> s.onSend(a, v, () -> null).onSend(b, v, () -> null));
                        } else {
                            (id % 2 == 0 ? a : b).send(v);
                        }
                    }
                }));
            }
            List<Job> consumers = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                consumers.add(scope.launch(() -> {
                    boolean[] open = {true, true};
                    while (open[0] || open[1]) {
                        int v = Select.selectUnbiased(s -> {
                            if (open[0]) {
                                s.onReceiveCatching(a, r -> r.isClosed() ? -1 : r.getOrThrow());
                            }
                            if (open[1]) {
                                s.onReceiveCatching(b, r -> r.isClosed() ? -2 : r.getOrThrow());
                            }
                            s.onReceive(c, x -> 0); // never sent to: an idle clause in every select
                        });
                        if (v < 0) {
                            open[-v - 1] = false;
                            continue;
                        }
                        sum.addAndGet(v);
                        count.incrementAndGet();
                    }
                }));
            }
            for (Job j : producers) {
                j.join();
            }
            a.close();
            b.close();
            for (Job j : consumers) {
                j.join();
            }
            return null;
        })));
        int n = senders * perSender;
        assertThat(count.get()).isEqualTo(n);
        assertThat(sum.get()).isEqualTo(n * (n + 1) / 2);
    }

    /** A ReceiveChannel that weft did not make. */
    private static final class ForeignChannel implements ReceiveChannel<Integer> {
        @Override
        public Integer receive() {
            return 0;
        }

        @Override
        public ChannelResult<Integer> receiveCatching() {
            return new ChannelResult.Success<>(0);
        }

        @Override
        public ChannelResult<Integer> tryReceive() {
            return new ChannelResult.Success<>(0);
        }

        @Override
        public void cancel() {
        }

        @Override
        public void cancel(CancellationException cause) {
        }

        @Override
        public boolean isClosedForReceive() {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return false;
        }

        @Override
        public Iterator<Integer> iterator() {
            return List.of(0).iterator();
        }
    }
}
