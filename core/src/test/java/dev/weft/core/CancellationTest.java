package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class CancellationTest {

    @Test
    void cancelEndsACoroutineParkedInPlainJucCode() throws Exception {
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1);
        CountDownLatch parked = new CountDownLatch(1);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                parked.countDown();
                try {
                    queue.take();
                } catch (InterruptedException e) {
                    seen.set(e);
                    throw e;
                }
            });
            parked.await();
            Thread.sleep(20);
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
            assertThat(job.isCompleted()).isTrue();
            assertThat(scope.isActive()).as("an interrupt caused by cancel is not a failure").isTrue();
        }
        assertThat(seen.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void cancelEndsACoroutineWaitingForALock() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(lock::lockInterruptibly);
            Thread.sleep(20);
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        } finally {
            lock.unlock();
        }
    }

    @Test
    void suspensionPointsThrowCancellationAndLeaveTheInterruptStatusSet() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                started.countDown();
                try {
                    Coroutines.delay(Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    thrown.set(e);
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                    assertThatThrownBy(Coroutines::ensureActive).isInstanceOf(CancellationException.class);
                    assertThatThrownBy(Coroutines::yieldNow).isInstanceOf(CancellationException.class);
                    throw e;
                }
            });
            started.await();
            job.cancel();
            job.join();
        }
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        assertThat(interruptedAfter).isTrue();
    }

    @Test
    void nonCancellableLetsCleanupSuspend() throws Exception {
        AtomicBoolean cleanupFinished = new AtomicBoolean();
        AtomicBoolean interruptedInside = new AtomicBoolean(true);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                try {
                    started.countDown();
                    Coroutines.delay(Duration.ofSeconds(30));
                } finally {
                    Coroutines.nonCancellable(() -> {
                        interruptedInside.set(Thread.currentThread().isInterrupted());
                        Coroutines.delay(Duration.ofMillis(20)); // would throw if not shielded
                        Coroutines.coroutineScope(s -> s.async(() -> 1).await());
                        cleanupFinished.set(true);
                        return null;
                    });
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            started.await();
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(interruptedInside).isFalse();
        assertThat(cleanupFinished).isTrue();
        assertThat(interruptedAfter).as("cancellation is visible again after the block").isTrue();
    }

    @Test
    void timeoutsStillWorkInsideNonCancellable() {
        Object r = Coroutines.runBlocking(() -> Coroutines.nonCancellable(
                () -> Coroutines.withTimeoutOrNull(Duration.ofMillis(20), () -> {
                    Coroutines.delay(Duration.ofSeconds(30));
                    return "late";
                })));
        assertThat(r).isNull();
    }

    @Test
    void interruptingRunBlockingCallerCancelsTheCoroutine() throws Exception {
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicBoolean childCancelled = new AtomicBoolean();
        AtomicBoolean callerInterruptStatus = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                Coroutines.runBlocking(() -> {
                    started.countDown();
                    try {
                        Coroutines.delay(Duration.ofSeconds(30));
                    } catch (CancellationException e) {
                        childCancelled.set(true);
                        throw e;
                    }
                    return null;
                });
            } catch (Throwable t) {
                outcome.set(t);
                callerInterruptStatus.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        started.await();
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(CancellationException.class);
        assertThat(childCancelled).isTrue();
        assertThat(callerInterruptStatus).isTrue();
    }

    @Test
    void cancellingACoroutineInsideWithContextCancelsTheBlockOnTheOtherDispatcher() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        AtomicBoolean innerCancelled = new AtomicBoolean();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> Coroutines.withContext(Dispatchers.IO, () -> {
                inside.countDown();
                try {
                    Coroutines.delay(Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    innerCancelled.set(true);
                    throw e;
                }
                return null;
            }));
            inside.await();
            job.cancel();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
        assertThat(innerCancelled).isTrue();
    }

    @Test
    void foreignInterruptOfACoroutineIsItsCancellation() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                thread.set(Thread.currentThread());
                started.countDown();
                Coroutines.delay(Duration.ofSeconds(30));
            });
            started.await();
            thread.get().interrupt();
            job.join();
            assertThat(job.isCancelled()).isTrue();
        }
    }

    @Test
    void launchInACancelledScopeNeverRunsTheBlock() {
        AtomicBoolean ran = new AtomicBoolean();
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        scope.cancel();
        Job job = scope.launch(() -> ran.set(true));
        job.join();
        assertThat(job.isCancelled()).isTrue();
        assertThat(ran).isFalse();
        scope.close();
    }

    @Test
    @SuppressWarnings("try") // the client socket only has to exist (and be closed at the end)
    void cancelEndsACoroutineBlockedInASocketReadAsCancelledNotFailed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept();
             OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            AtomicReference<Thread> reader = new AtomicReference<>();
            java.util.concurrent.CompletableFuture<Throwable> cause = new java.util.concurrent.CompletableFuture<>();
            Job job = scope.launch(() -> {
                reader.set(Thread.currentThread());
                InputStream in = accepted.getInputStream();
                in.read(); // the peer never writes: parked in socket I/O
            });
            job.invokeOnCompletion(cause::complete);
            InterruptStatusTest.until("the reader is parked in the socket read", () -> reader.get() != null
                    && reader.get().getState() == Thread.State.WAITING);
            job.cancel();
            job.join();
            assertThat(cause.get(10, java.util.concurrent.TimeUnit.SECONDS)).as("completion cause")
                    .isInstanceOf(CancellationException.class);
            assertThat(scope.isActive()).as("an interrupted socket read of a cancelled coroutine is not a failure").isTrue();
        }
    }

    @Test
    @SuppressWarnings("try") // the client socket only has to exist (and be closed at the end)
    void withTimeoutAroundASocketReadThrowsTimeoutCancellationException() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(server.getInetAddress(), server.getLocalPort());
             Socket accepted = server.accept()) {
            assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.withTimeout(Duration.ofMillis(50),
                    () -> accepted.getInputStream().read())))
                    .isInstanceOf(TimeoutCancellationException.class);
        }
    }

    @Test
    void aForeignInterruptInsideNonCancellableIsHeldUntilTheBlockExits() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicBoolean interruptedAfterDelayInside = new AtomicBoolean(true);
        AtomicBoolean interruptedAfterBlock = new AtomicBoolean();
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            CountDownLatch ready = new CountDownLatch(1);
            Job job = scope.launch(() -> {
                try {
                    Coroutines.nonCancellable(() -> {
                        thread.set(Thread.currentThread());
                        ready.countDown();
                        while (!Thread.currentThread().isInterrupted()) {
                            Thread.onSpinWait(); // CPU-bound, no suspension point: wait for the interrupt
                        }
                        Coroutines.delay(Duration.ofMillis(20)); // absorbs the interrupt, then really waits
                        interruptedAfterDelayInside.set(Thread.currentThread().isInterrupted());
                        return null;
                    });
                } finally {
                    interruptedAfterBlock.set(Thread.currentThread().isInterrupted());
                }
                Coroutines.ensureActive();
            });
            ready.await();
            thread.get().interrupt();
            job.join();
            assertThat(job.isCancelled()).as("the held interrupt cancels the coroutine after the block").isTrue();
        }
        assertThat(interruptedAfterDelayInside).as("absorbed inside nonCancellable: parks do not spin").isFalse();
        assertThat(interruptedAfterBlock).as("restored when the block exits").isTrue();
    }
}
