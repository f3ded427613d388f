package dev.weft.core.channels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounded stress: N producers and M consumers on one channel, on several dispatchers, while a
 * chaos coroutine cancels producers and consumers at random. Whatever happens, every element
 * whose send returned normally is received exactly once or reported to
 * {@code onUndeliveredElement}; every element whose send was cancelled is reported and never
 * received; and no coroutine is left behind (the leak check runs after each test).
 */
class ChannelStressTest {
    private static final int PRODUCERS = 4;
    private static final int CONSUMERS = 3;
    private static final int PER_PRODUCER = 3000;
    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** One operation in this many triggers a random cancellation. */
    private static final int CHAOS_ODDS = 2500;

    private static CloseableDispatcher single;
    private static CloseableDispatcher fixed;

    @BeforeAll
    static void dispatchers() {
        single = Dispatchers.newSingleThread("stress-single");
        fixed = Dispatchers.newFixed(4, "stress-fixed");
    }

    @AfterAll
    static void closeDispatchers() {
        single.close();
        fixed.close();
    }

    static Stream<Arguments> configurations() {
        List<Function<Undelivered, Channel<Integer>>> kinds = List.of(
                u -> Channel.of(Channel.RENDEZVOUS, BufferOverflow.SUSPEND, u::report),
                u -> Channel.of(1, BufferOverflow.SUSPEND, u::report),
                u -> Channel.of(16, BufferOverflow.SUSPEND, u::report),
                u -> Channel.of(Channel.UNLIMITED, BufferOverflow.SUSPEND, u::report),
                u -> Channel.of(Channel.CONFLATED, BufferOverflow.SUSPEND, u::report),
                u -> Channel.of(4, BufferOverflow.DROP_LATEST, u::report));
        List<String> names = List.of("rendezvous", "buffered(1)", "buffered(16)", "unlimited", "conflated",
                "buffered(4, DROP_LATEST)");
        List<Arguments> out = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            for (String d : List.of("DEFAULT", "single", "fixed(4)")) {
                out.add(Arguments.of(names.get(k), d, kinds.get(k)));
            }
        }
        return out.stream();
    }

    private static Dispatcher dispatcher(String name) {
        return switch (name) {
            case "DEFAULT" -> Dispatchers.DEFAULT;
            case "single" -> single;
            default -> fixed;
        };
    }

    /** Outcome of each send: 0 not attempted, 1 returned, 2 cancelled, 3 closed. */
    private static final int SENT = 1;
    private static final int SEND_CANCELLED = 2;
    private static final int SEND_CLOSED = 3;

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("configurations")
    void everyElementIsReceivedOnceOrReportedUndelivered(String kind, String dispatcherName,
                                                          Function<Undelivered, Channel<Integer>> factory) {
        int total = PRODUCERS * PER_PRODUCER;
        Undelivered undelivered = new Undelivered(total);
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        AtomicIntegerArray sendOutcome = new AtomicIntegerArray(total);
        Channel<Integer> ch = factory.apply(undelivered);
        AtomicInteger cancelledProducers = new AtomicInteger();
        AtomicInteger cancelledConsumers = new AtomicInteger();

        Coroutines.runBlocking(dispatcher(dispatcherName), () -> Coroutines.withTimeout(LIMIT, () -> {
            try (OwnedScope scope = CoroutineScope.supervisor(dispatcher(dispatcherName))) {
                AtomicReferenceArray<Job> producers = new AtomicReferenceArray<>(PRODUCERS);
                AtomicReferenceArray<Job> consumers = new AtomicReferenceArray<>(CONSUMERS);
                // chaos, driven by progress rather than by the clock so that it strikes mid-run on
                // every dispatcher: now and then a coroutine cancels a random producer (possibly
                // itself) or a random consumer; at least one consumer always survives
                Runnable chaos = () -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    if (rnd.nextInt(CHAOS_ODDS) != 0) {
                        return;
                    }
                    if (rnd.nextBoolean()) {
                        Job p = producers.get(rnd.nextInt(PRODUCERS));
                        if (p != null) {
                            p.cancel();
                            cancelledProducers.incrementAndGet();
                        }
                    } else if (cancelledConsumers.incrementAndGet() < CONSUMERS) {
                        Job c = consumers.get(rnd.nextInt(CONSUMERS));
                        if (c != null) {
                            c.cancel();
                        }
                    }
                };
                for (int p = 0; p < PRODUCERS; p++) {
                    int base = p * PER_PRODUCER;
                    producers.set(p, scope.launch(() -> {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        for (int i = 0; i < PER_PRODUCER; i++) {
                            int e = base + i;
                            try {
                                ch.send(e);
                                sendOutcome.set(e, SENT);
                            } catch (CancellationException ce) {
                                sendOutcome.set(e, SEND_CANCELLED);
                                throw ce;
                            } catch (ClosedSendChannelException closed) {
                                sendOutcome.set(e, SEND_CLOSED);
                                return;
                            }
                            chaos.run();
                            if (rnd.nextInt(64) == 0) {
                                Coroutines.yieldNow();
                            }
                        }
                    }));
                }
                for (int c = 0; c < CONSUMERS; c++) {
                    consumers.set(c, scope.launch(() -> {
                        ThreadLocalRandom rnd = ThreadLocalRandom.current();
                        for (int e : ch) {
                            received.incrementAndGet(e); // nothing suspends between receive and record
                            chaos.run();
                            if (rnd.nextInt(16) == 0) {
                                Coroutines.yieldNow();
                            }
                        }
                    }));
                }
                for (int p = 0; p < PRODUCERS; p++) {
                    producers.get(p).join();
                }
                ch.close(); // live consumers drain what is left, then leave the loop
                for (int c = 0; c < CONSUMERS; c++) {
                    consumers.get(c).join();
                }
                ch.cancel(); // elements left behind by cancelled consumers are undelivered
                for (int p = 0; p < PRODUCERS; p++) {
                    assertThat(producers.get(p).isCompleted()).isTrue();
                }
            }
            return null;
        }));

        int sent = 0;
        int receivedTotal = 0;
        for (int e = 0; e < total; e++) {
            int r = received.get(e);
            int u = undelivered.count(e);
            receivedTotal += r;
            switch (sendOutcome.get(e)) {
                case SENT -> {
                    sent++;
                    assertThat(r + u).as("element %d (sent) received %d times, undelivered %d times", e, r, u).isEqualTo(1);
                }
                case SEND_CANCELLED -> assertThat(r == 0 && u == 1)
                        .as("element %d (send cancelled) received %d times, undelivered %d times", e, r, u).isTrue();
                default -> assertThat(r + u).as("element %d (never in the channel)", e).isZero();
            }
        }
        assertThat(sent).as("the run did real work").isPositive();
        assertThat(receivedTotal).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dispatcherNames")
    void aParkedSendRacingItsCancellationAndAReceiverIsDeliveredXorReported(String dispatcherName) {
        Dispatcher d = dispatcher(dispatcherName);
        for (int round = 0; round < 300; round++) {
            Undelivered undelivered = new Undelivered(1);
            Channel<Integer> ch = Channel.of(Channel.RENDEZVOUS, BufferOverflow.SUSPEND, undelivered::report);
            AtomicInteger sendStarted = new AtomicInteger();
            AtomicInteger sendReturned = new AtomicInteger();
            AtomicInteger received = new AtomicInteger();
            try (OwnedScope scope = CoroutineScope.supervisor(d)) {
                Job sender = scope.launch(() -> {
                    sendStarted.incrementAndGet();
                    ch.send(0);
                    sendReturned.incrementAndGet();
                });
                Job receiver = scope.launch(() -> {
                    ChannelResult<Integer> r = ch.tryReceive();
                    while (!r.isSuccess() && !r.isClosed()) {
                        Coroutines.yieldNow();
                        r = ch.tryReceive();
                    }
                    if (r.isSuccess()) {
                        received.incrementAndGet();
                    }
                });
                Coroutines.runBlocking(d, () -> {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        Coroutines.yieldNow();
                    }
                    sender.cancel();
                    return null;
                });
                sender.join();
                ch.close();
                receiver.join();
            }
            int u = undelivered.count(0);
            assertThat(received.get() + u)
                    .as("round %d: the send never started, so nothing may be seen", round)
                    .isLessThanOrEqualTo(sendStarted.get());
            if (sendStarted.get() == 0) {
                continue; // cancelled before its body ran
            }
            assertThat(received.get() + u).as("round %d: received %d, undelivered %d", round, received.get(), u).isEqualTo(1);
            assertThat(sendReturned.get()).as("send returned iff delivered").isEqualTo(received.get());
        }
    }

    static Stream<String> dispatcherNames() {
        return Stream.of("DEFAULT", "single", "fixed(4)");
    }

    /** Counts onUndeliveredElement calls per element. */
    static final class Undelivered {
        private final AtomicIntegerArray counts;

        Undelivered(int size) {
            counts = new AtomicIntegerArray(size);
        }

        void report(Integer e) {
            counts.incrementAndGet(e);
        }

        int count(int e) {
            return counts.get(e);
        }
    }
}
