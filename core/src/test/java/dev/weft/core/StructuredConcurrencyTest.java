package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.testkit.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class StructuredConcurrencyTest {

    @Test
    void scopeReturnsOnlyWhenAllChildrenAreDone() {
        AtomicInteger done = new AtomicInteger();
        int result = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            for (int i = 0; i < 100; i++) {
                int d = i % 10;
                scope.launch(() -> {
                    Coroutines.delay(Duration.ofMillis(d));
                    done.incrementAndGet();
                });
            }
            return 42;
        }));
        assertThat(result).isEqualTo(42);
        assertThat(done).hasValue(100);
    }

    @Test
    void childFailureCancelsSiblingsAndIsRethrownWithOthersSuppressed() {
        IllegalStateException first = new IllegalStateException("first");
        CountDownLatch siblingsParked = new CountDownLatch(4);
        List<Throwable> siblingEnds = new CopyOnWriteArrayList<>();
        AtomicBoolean secondThrown = new AtomicBoolean();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            for (int i = 0; i < 3; i++) {
                scope.launch(() -> {
                    siblingsParked.countDown();
                    try {
                        Coroutines.delay(Duration.ofSeconds(30));
                    } catch (CancellationException e) {
                        siblingEnds.add(e);
                        throw e;
                    }
                });
            }
            scope.launch(() -> {
                siblingsParked.await();
                throw first;
            });
            scope.launch(() -> parkThenFailInFinally(siblingsParked, secondThrown));
            return null;
        }))).isSameAs(first);
        assertThat(siblingEnds).hasSize(3).allMatch(e -> e instanceof CancellationException);
        assertThat(secondThrown).isTrue();
        assertThat(first.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second");
    }

    // a method of its own: javac ignores @SuppressWarnings for this lint inside a lambda argument
    @SuppressWarnings("finally") // a finally block that throws is the case under test
    private static void parkThenFailInFinally(CountDownLatch parked, AtomicBoolean thrown) {
        try {
            parked.countDown();
            Coroutines.delay(Duration.ofSeconds(30));
        } finally {
            thrown.set(true);
            // fails while the scope is already cancelling: must show up as suppressed
            throw new IllegalArgumentException("second");
        }
    }

    @Test
    void failureOfTheBlockCancelsChildren() {
        AtomicBoolean childCancelled = new AtomicBoolean();
        CountDownLatch started = new CountDownLatch(1);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            scope.launch(() -> {
                started.countDown();
                try {
                    Coroutines.delay(Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    childCancelled.set(true);
                    throw e;
                }
            });
            started.await();
            throw new UnsupportedOperationException("block failed");
        }))).isInstanceOf(UnsupportedOperationException.class).hasMessage("block failed");
        assertThat(childCancelled).isTrue();
    }

    @Test
    void asyncFailureCancelsTheScopeAndAwaitRethrowsIt() {
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            Deferred<Integer> a = scope.async(() -> {
                throw new ArithmeticException("boom");
            });
            Deferred<Integer> b = scope.async(() -> {
                Coroutines.delay(Duration.ofSeconds(30));
                return 1;
            });
            return a.await() + b.await();
        }))).isInstanceOf(ArithmeticException.class).hasMessage("boom");
    }

    @Test
    void supervisorScopeIsolatesFailingChildren() {
        AtomicInteger completed = new AtomicInteger();
        IllegalStateException isolated = new IllegalStateException("isolated failure");
        try (LogCapture log = LogCapture.of("dev.weft.core")) {
            String result = Coroutines.runBlocking(() -> Coroutines.supervisorScope(scope -> {
                Job bad = scope.launch(() -> {
                    throw isolated;
                });
                Deferred<String> badAsync = scope.async(() -> {
                    throw new IOException("kept for await");
                });
                for (int i = 0; i < 5; i++) {
                    scope.launch(() -> {
                        Coroutines.delay(Duration.ofMillis(20));
                        completed.incrementAndGet();
                    });
                }
                bad.join();
                assertThat(bad.isCancelled()).isTrue();
                assertThatThrownBy(badAsync::await).isInstanceOf(CompletionException.class)
                        .hasCauseInstanceOf(IOException.class);
                assertThat(scope.isActive()).isTrue();
                return "survived";
            }));
            // the launched child's failure has no parent to go to: it is logged (the async one is kept)
            assertLoggedOnce(log, isolated);
            assertThat(result).isEqualTo("survived");
        }
        assertThat(completed).hasValue(5);
    }

    /** Asserts that {@code failure}, and no other, was logged as an uncaught coroutine failure. */
    static void assertLoggedOnce(LogCapture log, Throwable failure) {
        LogRecord r = log.awaitOnly(Level.SEVERE);
        assertThat(r.getMessage()).startsWith("uncaught failure in coroutine");
        assertThat(r.getThrown()).isSameAs(failure);
    }

    @Test
    void cancellingARootReachesEveryDescendantOfADeepTree() throws Exception {
        int depth = 2_000;
        AtomicInteger cancelled = new AtomicInteger();
        CountDownLatch allParked = new CountDownLatch(depth);
        try (OwnedScope root = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job top = root.launch(() -> nest(depth, allParked, cancelled));
            allParked.await();
            root.cancel();
            top.join();
            assertThat(top.isCompleted()).isTrue();
            assertThat(top.isCancelled()).isTrue();
        }
        assertThat(cancelled).hasValue(depth);
    }

    private static void nest(int remaining, CountDownLatch parked, AtomicInteger cancelled) {
        Coroutines.coroutineScope(scope -> {
            if (remaining > 1) {
                scope.launch(() -> nest(remaining - 1, parked, cancelled));
            }
            parked.countDown();
            try {
                Coroutines.delay(Duration.ofSeconds(60));
            } catch (CancellationException e) {
                cancelled.incrementAndGet();
                throw e;
            }
            return null;
        });
    }

    @Test
    void cancellingAWideTreeEndsEveryChild() throws Exception {
        int width = 10_000;
        CountDownLatch parked = new CountDownLatch(width);
        AtomicInteger ended = new AtomicInteger();
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        for (int i = 0; i < width; i++) {
            scope.launch(() -> {
                parked.countDown();
                try {
                    Coroutines.delay(Duration.ofSeconds(60));
                } finally {
                    ended.incrementAndGet();
                }
            });
        }
        parked.await();
        assertThat(scope.job().children()).hasSize(width);
        scope.close();
        assertThat(ended).hasValue(width);
        assertThat(scope.job().children()).isEmpty();
        assertThat(scope.launch(() -> { }).isCancelled()).as("launch after close").isTrue();
    }

    @Test
    void childFailureInAnOwnedScopeCancelsTheScope() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Job sibling = scope.launch(() -> {
                parked.countDown();
                Coroutines.delay(Duration.ofSeconds(60));
            });
            parked.await();
            IllegalStateException failure = new IllegalStateException("component failure");
            try (LogCapture log = LogCapture.of("dev.weft.core")) {
                scope.launch(() -> {
                    throw failure;
                });
                sibling.join();
                assertThat(sibling.isCancelled()).isTrue();
                assertThat(scope.isActive()).isFalse();
                // an owned scope has nobody to rethrow to: the failure is logged
                assertLoggedOnce(log, failure);
            }
        }
    }

    @Test
    void supervisorOwnedScopeKeepsRunningAfterAChildFails() throws Exception {
        IllegalStateException isolated = new IllegalStateException("isolated");
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT);
                LogCapture log = LogCapture.of("dev.weft.core")) {
            scope.launch(() -> {
                throw isolated;
            }).join();
            assertLoggedOnce(log, isolated);
            assertThat(scope.isActive()).isTrue();
            assertThat(scope.async(() -> 7).await()).isEqualTo(7);
        }
    }

    @Test
    void jobReportsChildrenAndCompletion() {
        List<Throwable> causes = new ArrayList<>();
        Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
            CountDownLatch release = new CountDownLatch(1);
            Job a = scope.launch(release::await);
            Job b = scope.launch(release::await);
            assertThat(scope.job().children()).containsExactlyInAnyOrder(a, b);
            a.invokeOnCompletion(causes::add);
            assertThat(a.isActive()).isTrue();
            release.countDown();
            a.join();
            b.join();
            assertThat(a.isCompleted()).isTrue();
            assertThat(a.isCancelled()).isFalse();
            assertThat(scope.job().children()).isEmpty();
            return null;
        }));
        assertThat(causes).containsExactly((Throwable) null);
    }

    @Test
    void childrenInheritTheDispatcherAndCanOverrideIt() {
        try (CloseableDispatcher single = Dispatchers.newSingleThread("inherit")) {
            List<String> where = Coroutines.runBlocking(single, () -> Coroutines.coroutineScope(scope -> {
                Deferred<String> inherited = scope.async(() -> ConfinementTest.carrierOf(Thread.currentThread()));
                Deferred<String> io = scope.async(Dispatchers.IO, () -> ConfinementTest.carrierOf(Thread.currentThread()));
                return List.of(inherited.await(), io.await());
            }));
            assertThat(where.get(0)).isEqualTo("inherit");
            assertThat(where.get(1)).startsWith("weft-io-");
        }
    }

    @Test
    void interruptingAThreadThatClosesAnOwnedScopeStopsItsWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Thread> child = new AtomicReference<>();
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        Job stubborn = scope.launch(() -> Coroutines.nonCancellable(() -> {
            child.set(Thread.currentThread());
            release.await(); // shielded: the scope's cancellation does not end this wait
            return null;
        }));
        InterruptStatusTest.until("the child waits", () -> child.get() != null
                && child.get().getState() == Thread.State.WAITING);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            scope.close();
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        closer.start();
        InterruptStatusTest.until("close() waits", () -> !scope.isActive() && closer.getState() == Thread.State.WAITING);
        closer.interrupt();
        closer.join(10_000);
        boolean stuck = closer.isAlive();
        release.countDown();
        closer.join(10_000);
        stubborn.join();
        scope.close();
        assertThat(stuck).as("close() stopped waiting when its thread was interrupted").isFalse();
        assertThat(interruptedAfter).as("and kept the interrupt status").isTrue();
    }

    @Test
    void closingAnOwnedScopeFromNonCancellableCleanupOfItsOwnCoroutineDoesNotWaitForItself() {
        OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT);
        Job j = scope.launch(() -> Coroutines.nonCancellable(() -> {
            scope.close();
            return null;
        }));
        Boolean ended = Coroutines.withTimeoutOrNull(Duration.ofSeconds(10), () -> {
            j.join();
            return true;
        });
        assertThat(ended).as("the coroutine that closed its scope ended").isTrue();
        assertThat(scope.isActive()).isFalse();
        scope.close();
        assertThat(scope.job().isCompleted()).isTrue();
    }
}
