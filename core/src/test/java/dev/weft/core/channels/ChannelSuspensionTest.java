package dev.weft.core.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Suspending send and receive, and closing or cancelling either side while the other is parked. */
class ChannelSuspensionTest {

    @Test
    void rendezvousSendWaitsForTheReceiver() {
        Channel<String> ch = Channel.rendezvous();
        AtomicReference<Thread> sender = new AtomicReference<>();
        AtomicBoolean sent = new AtomicBoolean();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            scope.launch(() -> {
                sender.set(Thread.currentThread());
                ch.send("hello");
                sent.set(true);
            });
            Waits.parked(sender);
            assertThat(sent).as("no receiver yet").isFalse();
            assertThat(ch.isEmpty()).as("a suspended sender counts as content").isFalse();
            assertThat(ch.receive()).isEqualTo("hello");
            return null;
        }));
        assertThat(sent).isTrue();
    }

    @Test
    void receiveWaitsForTheSender() {
        Channel<Integer> ch = Channel.buffered(4);
        AtomicReference<Thread> receiver = new AtomicReference<>();
        int got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Integer> r = scope.async(() -> {
                receiver.set(Thread.currentThread());
                return ch.receive();
            });
            Waits.parked(receiver);
            ch.send(42);
            return r.await();
        }));
        assertThat(got).isEqualTo(42);
    }

    @Test
    void fullBufferSuspendsTheSenderUntilASlotFrees() {
        Channel<Integer> ch = Channel.buffered(2);
        AtomicReference<Thread> sender = new AtomicReference<>();
        List<Integer> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            scope.launch(() -> {
                sender.set(Thread.currentThread());
                for (int i = 0; i < 5; i++) {
                    ch.send(i);
                }
                ch.close();
            });
            Waits.parked(sender);
            List<Integer> out = new ArrayList<>();
            for (int x : ch) {
                out.add(x);
            }
            return out;
        }));
        assertThat(got).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void parkedReceiversAreServedInArrivalOrder() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        List<String> order = new CopyOnWriteArrayList<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String name = "r" + i;
                AtomicReference<Thread> t = new AtomicReference<>();
                jobs.add(scope.launch(() -> {
                    t.set(Thread.currentThread());
                    order.add(name + "=" + ch.receive());
                }));
                Waits.parked(t);
            }
            for (int i = 0; i < 3; i++) {
                ch.send(i);
            }
            for (Job j : jobs) {
                j.join();
            }
        }
        assertThat(order).containsExactlyInAnyOrder("r0=0", "r1=1", "r2=2");
    }

    @Test
    void closeWakesAParkedReceiver() {
        Channel<Integer> ch = Channel.rendezvous();
        AtomicReference<Thread> receiver = new AtomicReference<>();
        Throwable thrown = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Throwable> r = scope.async(() -> {
                receiver.set(Thread.currentThread());
                try {
                    ch.receive();
                    return null;
                } catch (ClosedReceiveChannelException e) {
                    return e;
                }
            });
            Waits.parked(receiver);
            ch.close();
            return r.await();
        }));
        assertThat(thrown).isInstanceOf(ClosedReceiveChannelException.class);
    }

    @Test
    void closeWithCauseWakesAParkedReceiverWithTheCause() {
        Channel<Integer> ch = Channel.buffered(3);
        AtomicReference<Thread> receiver = new AtomicReference<>();
        IllegalStateException cause = new IllegalStateException("upstream failed");
        ChannelResult<Integer> result = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<ChannelResult<Integer>> r = scope.async(() -> {
                receiver.set(Thread.currentThread());
                return ch.receiveCatching();
            });
            Waits.parked(receiver);
            ch.close(cause);
            return r.await();
        }));
        assertThat(result).isEqualTo(new ChannelResult.Closed<>(cause));
    }

    @Test
    void aSenderParkedBeforeCloseStillDelivers() {
        Channel<String> ch = Channel.rendezvous();
        AtomicReference<Thread> sender = new AtomicReference<>();
        List<String> got = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Job s = scope.launch(() -> {
                sender.set(Thread.currentThread());
                ch.send("sent before close");
            });
            Waits.parked(sender);
            ch.close();
            assertThat(ch.isClosedForSend()).isTrue();
            assertThat(ch.isClosedForReceive()).as("the parked sender's element is still to come").isFalse();
            List<String> out = new ArrayList<>();
            for (String x : ch) {
                out.add(x);
            }
            s.join();
            return out;
        }));
        assertThat(got).containsExactly("sent before close");
    }

    @Test
    void cancellingTheChannelWakesAParkedSenderAndReportsItsElement() {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Channel<String> ch = Channel.of(1, BufferOverflow.SUSPEND, undelivered::add);
        AtomicReference<Thread> sender = new AtomicReference<>();
        Throwable thrown = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Throwable> s = scope.async(() -> {
                sender.set(Thread.currentThread());
                ch.send("buffered");
                try {
                    ch.send("parked");
                    return null;
                } catch (CancellationException e) {
                    return e;
                }
            });
            Waits.parked(sender);
            ch.cancel();
            return s.await();
        }));
        assertThat(thrown).isInstanceOf(CancellationException.class);
        assertThat(undelivered).containsExactly("buffered", "parked");
    }

    @Test
    void cancellingTheChannelWakesAParkedReceiver() {
        Channel<String> ch = Channel.conflated();
        AtomicReference<Thread> receiver = new AtomicReference<>();
        Throwable thrown = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Throwable> r = scope.async(() -> {
                receiver.set(Thread.currentThread());
                try {
                    ch.receive();
                    return null;
                } catch (CancellationException e) {
                    return e;
                }
            });
            Waits.parked(receiver);
            ch.cancel(new CancellationException("consumer gone"));
            return r.await();
        }));
        assertThat(thrown).isInstanceOf(CancellationException.class).hasMessage("consumer gone");
    }

    @Test
    void cancellingAParkedSenderCoroutineReportsItsElementAndLeavesTheChannelUsable() {
        List<String> undelivered = new CopyOnWriteArrayList<>();
        Channel<String> ch = Channel.of(Channel.RENDEZVOUS, BufferOverflow.SUSPEND, undelivered::add);
        AtomicReference<Thread> sender = new AtomicReference<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job s = scope.launch(() -> {
                sender.set(Thread.currentThread());
                try {
                    ch.send("never received");
                } catch (CancellationException e) {
                    thrown.set(e);
                    throw e;
                }
            });
            Waits.parked(sender);
            s.cancel();
            s.join();
            assertThat(thrown.get()).isInstanceOf(CancellationException.class);
            assertThat(undelivered).containsExactly("never received");
            assertThat(ch.isEmpty()).as("the cancelled sender left the queue").isTrue();
            assertThat(ch.tryReceive().isSuccess()).isFalse();
            assertThat(ch.isClosedForSend()).isFalse();
        }
    }

    @Test
    void cancellingAParkedReceiverCoroutineLosesNothing() {
        Channel<String> ch = Channel.rendezvous();
        AtomicReference<Thread> receiver = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job r = scope.launch(() -> {
                receiver.set(Thread.currentThread());
                ch.receive();
            });
            Waits.parked(receiver);
            r.cancel();
            r.join();
            assertThat(r.isCancelled()).isTrue();
            assertThat(ch.trySend("x").isSuccess()).as("no receiver is waiting any more").isFalse();
        }
    }

    @Test
    void platformThreadsCanUseChannelsAndAnInterruptCancelsTheWait() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Thread> receiver = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            receiver.set(Thread.currentThread());
            try {
                ch.receive();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        Waits.parked(receiver);
        t.interrupt();
        t.join(10_000);
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);

        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 100; i++) {
                ch.send(i);
            }
            ch.close();
        });
        int sum = 0;
        for (int x : ch) {
            sum += x;
        }
        producer.join(10_000);
        assertThat(sum).isEqualTo(4950);
    }

    @Test
    void aCancelledCoroutineCanStillSendWithoutSuspendingAndFailsWhenItWouldSuspend() {
        Channel<Integer> ch = Channel.buffered(1);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job j = scope.launch(() -> {
                Coroutines.currentJob().cancel();
                ch.send(1); // room: completes without suspending
                try {
                    ch.send(2);
                } catch (CancellationException e) {
                    thrown.set(e);
                    throw e;
                }
            });
            j.join();
        }
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(ch.receive()).isEqualTo(1);
        assertThat(ch.tryReceive().isSuccess()).as("the second send did not land").isFalse();
    }
}
