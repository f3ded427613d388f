package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.testkit.LogCapture;
import dev.weft.core.testkit.Fixtures;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class DispatcherTest {

    @Test
    void sharedDispatchersOwnDaemonCarriersWithReadableNames() {
        assertThat(Dispatchers.DEFAULT.ownsCarriers()).isTrue();
        assertThat(Dispatchers.IO.ownsCarriers()).isTrue();
        String[] info = Coroutines.runBlocking(() -> new String[] {
                ConfinementTest.carrierOf(Thread.currentThread()),
                String.valueOf(Thread.currentThread().isVirtual()),
                Coroutines.withContext(Dispatchers.IO, () -> ConfinementTest.carrierOf(Thread.currentThread()))});
        assertThat(info[0]).startsWith("weft-default-");
        assertThat(info[1]).isEqualTo("true");
        assertThat(info[2]).startsWith("weft-io-");
        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t.getName().startsWith("weft-"))
                .isNotEmpty().allMatch(Thread::isDaemon);
    }

    @Test
    void launchingOnAClosedDispatcherFailsClearly() {
        CloseableDispatcher d = Dispatchers.newSingleThread("closing");
        assertThat(Coroutines.runBlocking(d, () -> 1)).isEqualTo(1);
        d.close();
        assertThat(d.isClosed()).isTrue();
        assertThat(d.isTerminated()).isTrue();
        assertThatThrownBy(() -> Coroutines.runBlocking(d, () -> 1))
                .isInstanceOf(RejectedExecutionException.class).hasMessageContaining("'closing' is closed");
        try (OwnedScope scope = CoroutineScope.of(d)) {
            assertThatThrownBy(() -> scope.launch(() -> { })).isInstanceOf(RejectedExecutionException.class);
            assertThat(scope.job().children()).as("refused coroutine is not left in the tree").isEmpty();
            assertThat(scope.isActive()).isTrue();
        }
        d.close(); // idempotent
    }

    @Test
    void closingCancelsRunningCoroutinesAndWaitsForThem() throws Exception {
        CloseableDispatcher d = Dispatchers.newFixed(2, "closer");
        CountDownLatch parked = new CountDownLatch(50);
        AtomicBoolean cleanupRan = new AtomicBoolean();
        try (OwnedScope scope = CoroutineScope.supervisor(d)) {
            for (int i = 0; i < 50; i++) {
                scope.launch(() -> {
                    parked.countDown();
                    try {
                        Coroutines.delay(Duration.ofSeconds(60));
                    } finally {
                        Coroutines.nonCancellable(() -> {
                            Coroutines.delay(Duration.ofMillis(5)); // needs the carriers still serving
                            cleanupRan.set(true);
                            return null;
                        });
                    }
                });
            }
            parked.await();
            d.close();
            assertThat(d.isTerminated()).isTrue();
            assertThat(scope.job().children()).isEmpty();
        }
        assertThat(cleanupRan).isTrue();
    }

    @Test
    void closeFromOwnCoroutineDoesNotDeadlock() {
        CloseableDispatcher d = Dispatchers.newSingleThread("self-close");
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job j = scope.launch(d, d::close);
            j.join();
        }
        d.close();
        assertThat(d.isTerminated()).isTrue();
    }

    @Test
    void fromExecutorRunsOnItAndSurvivesRejection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "user-pool");
            t.setDaemon(true);
            return t;
        });
        Dispatcher d = Dispatchers.from(pool);
        assertThat(Coroutines.runBlocking(d, () -> ConfinementTest.carrierOf(Thread.currentThread()))).isEqualTo("user-pool");

        CountDownLatch parked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> resumedOn = new AtomicReference<>();
        AtomicReference<Thread> coroutine = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(d); LogCapture log = LogCapture.of("dev.weft.core")) {
            Job j = scope.launch(() -> {
                coroutine.set(Thread.currentThread());
                parked.countDown();
                release.await();
                resumedOn.set(ConfinementTest.carrierOf(Thread.currentThread()));
            });
            parked.await();
            while (coroutine.get().getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            pool.shutdown(); // the user's executor now rejects the continuation
            release.countDown();
            j.join();
            // the rejection is reported once, as a warning naming the dispatcher
            LogRecord r = log.awaitOnly(Level.WARNING);
            assertThat(r.getMessage()).contains(d.name()).contains("rejected a coroutine continuation");
            assertThat(r.getThrown()).isInstanceOf(RejectedExecutionException.class);
        }
        assertThat(resumedOn.get()).startsWith("weft-fallback-");
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> Dispatchers.newFixed(0, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Dispatchers.newSingleThread(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("name");
        assertThatThrownBy(() -> Dispatchers.newSingleThread(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dispatchers.from(null)).isInstanceOf(NullPointerException.class).hasMessage("executor");
        Dispatcher foreign = Fixtures.foreignDispatcher();
        assertThatThrownBy(() -> Coroutines.runBlocking(foreign, () -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Dispatchers.from");
    }

    @Test
    void closeFromACoroutineThatACoroutineOfTheDispatcherWaitsForDoesNotDeadlock() throws Exception {
        CloseableDispatcher d = Dispatchers.newSingleThread("close-from-descendant");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                // the block runs on DEFAULT while the coroutine on d waits for it (withContext)
                Coroutines.runBlocking(d, () -> Coroutines.withContext(Dispatchers.DEFAULT, () -> {
                    d.close();
                    return "closed";
                }));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        caller.join(10_000);
        assertThat(caller.isAlive()).as("close() from a descendant returned").isFalse();
        assertThat(outcome.get()).isInstanceOf(java.util.concurrent.CancellationException.class);
        d.close();
        assertThat(d.isTerminated()).isTrue();
    }
}
