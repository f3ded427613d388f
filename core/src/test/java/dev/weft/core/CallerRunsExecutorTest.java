package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.channels.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Dispatchers.from(executor)} with executors that the {@link java.util.concurrent.Executor}
 * contract allows but that cannot carry a virtual thread's continuation themselves: one that runs
 * the task in the calling thread ({@code Runnable::run}, {@code CallerRunsPolicy} when saturated)
 * and one that runs it on a virtual thread. Whoever resumes a coroutine through them (launch, a
 * channel handing over an element, a timer, a yield) must neither get an exception nor leave the
 * coroutine stranded; such continuations run on weft's fallback carriers.
 */
class CallerRunsExecutorTest {
    private static final ThreadPoolExecutor SATURATED = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "user-pool");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.CallerRunsPolicy());
    private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

    @AfterAll
    static void shutDown() {
        SATURATED.shutdown();
        VIRTUAL.shutdown();
    }

    static Stream<Arguments> executors() {
        return Stream.of(
                Arguments.of("Runnable::run", Dispatchers.from(Runnable::run)),
                Arguments.of("CallerRunsPolicy", Dispatchers.from(SATURATED)),
                Arguments.of("virtual thread per task", Dispatchers.from(VIRTUAL)));
    }

    @Test
    void aPlatformThreadThatStartsACoroutineDoesNotBecomeItsCarrier() {
        Dispatcher d = Dispatchers.from(Runnable::run);
        String carrier = Coroutines.runBlocking(d, () -> ConfinementTest.carrierOf(Thread.currentThread()));
        assertThat(carrier).startsWith("weft-fallback-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a stranded coroutine never ends
    void launchesAndChannelHandoffsNeitherThrowNorStrandACoroutine(String name, Dispatcher d) {
        int producers = 10;
        int perProducer = 500;
        int total = producers * perProducer;
        for (int round = 0; round < 3; round++) {
            AtomicIntegerArray got = new AtomicIntegerArray(total);
            Channel<Integer> ch = round == 0 ? Channel.rendezvous() : Channel.buffered(8);
            int received = Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(30),
                    () -> Coroutines.coroutineScope(scope -> {
                        List<Job> senders = new ArrayList<>();
                        for (int p = 0; p < producers; p++) {
                            int base = p * perProducer;
                            senders.add(scope.launch(d, () -> {
                                for (int i = 0; i < perProducer; i++) {
                                    ch.send(base + i);
                                }
                            }));
                        }
                        List<Deferred<Integer>> receivers = new ArrayList<>();
                        for (int c = 0; c < 4; c++) {
                            receivers.add(scope.async(d, () -> {
                                int n = 0;
                                for (Integer v : ch) {
                                    got.incrementAndGet(v);
                                    n++;
                                }
                                return n;
                            }));
                        }
                        for (Job s : senders) {
                            s.join();
                        }
                        ch.close();
                        int n = 0;
                        for (Deferred<Integer> r : receivers) {
                            n += r.await();
                        }
                        return n;
                    })));
            assertThat(received).as("round %d", round).isEqualTo(total);
            for (int i = 0; i < total; i++) {
                assertThat(got.get(i)).as("element %d, round %d", i, round).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("executors")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void timersAndYieldsResumeTheCoroutine(String name, Dispatcher d) {
        int coroutines = 20;
        int steps = Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofSeconds(30),
                () -> Coroutines.coroutineScope(scope -> {
                    List<Deferred<Integer>> all = new ArrayList<>();
                    for (int c = 0; c < coroutines; c++) {
                        all.add(scope.async(d, () -> {
                            int n = 0;
                            for (int i = 0; i < 200; i++) {
                                Coroutines.yieldNow(); // resubmitted by the carrier it ran on
                                n++;
                            }
                            for (int i = 0; i < 5; i++) {
                                Coroutines.delay(Duration.ofMillis(1)); // resumed by the JDK's timer thread
                                n++;
                            }
                            return n;
                        }));
                    }
                    int sum = 0;
                    for (Deferred<Integer> x : all) {
                        sum += x.await();
                    }
                    return sum;
                })));
        assertThat(steps).isEqualTo(coroutines * 205);
    }
}
