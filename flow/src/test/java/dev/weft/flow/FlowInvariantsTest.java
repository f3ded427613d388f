package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Context preservation and exception transparency of {@code flow{}} and the emitting operators. */
class FlowInvariantsTest {

    @Test
    void emitFromAnotherCoroutineFailsAtOnceNamingChannelFlowAndFlowOn() {
        Flow<Integer> flow = Flow.flow(out -> Coroutines.coroutineScope(scope -> {
            scope.launch(() -> out.emit(1)).join();
            return null;
        }));
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            flow.collect(got::add);
            return null;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("channelFlow")
                .hasMessageContaining("flowOn");
        assertThat(got).isEmpty();
    }

    @Test
    void emitFromAPlainThreadFailsTheCollectionWithTheExceptionThatThreadGot() throws Exception {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        List<Integer> got = new ArrayList<>();
        Flow<Integer> flow = Flow.flow(out -> {
            out.emit(1);
            Thread t = new Thread(() -> {
                try {
                    out.emit(99);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            // the thread does not catch: its exception goes to this handler (not to stderr)
            t.setUncaughtExceptionHandler((thread, e) -> uncaught.set(e));
            t.start();
            t.join();
            out.emit(2);
        });
        Throwable failure = catchThrowable(() -> flow.collect(got::add));
        assertThat(uncaught.get()).isInstanceOf(IllegalStateException.class);
        assertThat(failure).isSameAs(uncaught.get())
                .hasMessageContaining("emit was called from thread")
                .hasMessageContaining("channelFlow");
        assertThat(got).containsExactly(1, 2);
    }

    @Test
    void emitFromAnExecutorTaskFailsTheCollectionEvenIfTheBlockIgnoresTheTask() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        AtomicReference<Future<?>> task = new AtomicReference<>();
        try {
            Flow<Integer> flow = Flow.flow(out -> {
                task.set(executor.submit(() -> {
                    out.emit(99);
                    return null;
                }));
                while (!task.get().isDone()) {
                    Thread.sleep(1);
                }
                // the block never looks at the task's outcome and returns normally
            });
            Throwable failure = catchThrowable(() -> Coroutines.runBlocking(flow::toList));
            assertThat(failure).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("emit was called from thread");
            assertThatThrownBy(() -> task.get().get()).isInstanceOf(ExecutionException.class)
                    .cause().isSameAs(failure);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aBlockRethrowingTheTasksExecutionExceptionFailsWithTheViolationItself() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Flow<Integer> flow = Flow.flow(out -> executor.submit(() -> {
                out.emit(99);
                return null;
            }).get());
            Throwable failure = catchThrowable(() -> Coroutines.runBlocking(flow::toList));
            // not the ExecutionException wrapper, and not a cycle through its suppressed list
            assertThat(failure).isInstanceOf(IllegalStateException.class).hasNoSuppressedExceptions();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void emitFromAnUnrelatedCoroutineThatSwallowsTheExceptionStillFailsTheCollection() throws Exception {
        List<Throwable> seenByOffender = new CopyOnWriteArrayList<>();
        List<Integer> got = new ArrayList<>();
        try (OwnedScope other = CoroutineScope.of(Dispatchers.DEFAULT)) {
            Flow<Integer> flow = Flow.flow(out -> {
                other.launch(() -> {
                    for (int i = 0; i < 2; i++) { // keeps going after the first failure
                        try {
                            out.emit(99);
                        } catch (IllegalStateException e) {
                            seenByOffender.add(e);
                        }
                    }
                }).join();
                out.emit(1);
            });
            Throwable failure = catchThrowable(() -> Coroutines.runBlocking(() -> {
                flow.collect(got::add);
                return null;
            }));
            assertThat(seenByOffender).hasSize(2).allMatch(e -> e instanceof IllegalStateException);
            assertThat(failure).isSameAs(seenByOffender.get(0));
        }
        assertThat(got).containsExactly(1);
    }

    @Test
    void theViolationWinsOverAnotherFailureOfTheBlockWhichIsAttached() throws Exception {
        IOException later = new IOException("the block failed afterwards");
        Flow<Integer> flow = Flow.flow(out -> {
            Thread t = new Thread(() -> {
                try {
                    out.emit(99);
                } catch (Exception expected) {
                    // swallowed by the offender
                }
            });
            t.start();
            t.join();
            throw later;
        });
        assertThatThrownBy(flow::toList).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("emit was called from thread")
                .satisfies(e -> assertThat(e.getSuppressed()).containsExactly(later));
    }

    @Test
    void emitInTransformFromAPlainThreadFailsTheCollectionToo() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Flow<Integer> flow = Flow.of(1, 2).transform((v, out) -> {
            Thread t = new Thread(() -> {
                try {
                    out.emit(v);
                } catch (Exception e) {
                    seen.compareAndSet(null, e);
                }
            });
            t.start();
            t.join();
        });
        Throwable failure = catchThrowable(flow::toList);
        assertThat(failure).isSameAs(seen.get()).hasMessageContaining("transform");
    }

    @Test
    void emitFromWithContextOnAnotherDispatcherFails() {
        Flow<Integer> flow = Flow.flow(out -> Coroutines.withContext(Dispatchers.IO, () -> {
            out.emit(1);
            return null;
        }));
        assertThatThrownBy(() -> Coroutines.runBlocking(flow::toList))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("flowOn");
    }

    @Test
    void emitAfterTheBlockReturnedFails() throws Exception {
        AtomicReference<FlowCollector<Integer>> leaked = new AtomicReference<>();
        Flow<Integer> flow = Flow.flow(leaked::set);
        flow.collect(v -> { });
        assertThatThrownBy(() -> leaked.get().emit(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("after the flow{} block had returned");
    }

    @Test
    void emittingAfterCatchingADownstreamFailureViolatesExceptionTransparency() {
        IllegalArgumentException boom = new IllegalArgumentException("downstream");
        Flow<Integer> flow = Flow.flow(out -> {
            try {
                out.emit(1);
            } catch (Exception e) {
                out.emit(2);
            }
        });
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exception transparency")
                .hasCause(boom);
    }

    @Test
    void aSwallowedDownstreamFailureIsStillRethrown() {
        IllegalArgumentException boom = new IllegalArgumentException("downstream");
        AtomicInteger afterCatch = new AtomicInteger();
        Flow<Integer> flow = Flow.flow(out -> {
            try {
                out.emit(1);
            } catch (Exception swallowed) {
                afterCatch.incrementAndGet();
            }
        });
        assertThatThrownBy(() -> flow.collect(v -> {
            throw boom;
        })).isSameAs(boom);
        assertThat(afterCatch).hasValue(1);
    }

    @Test
    void emitInTransformIsCheckedToo() {
        Flow<Integer> flow = Flow.of(1).transform((v, out) -> Coroutines.coroutineScope(scope -> {
            scope.launch(() -> out.emit(v)).join();
            return null;
        }));
        assertThatThrownBy(() -> Coroutines.runBlocking(flow::toList))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("transform");
    }

    @Test
    void emittingNullFailsAtTheEmitSite() {
        Flow<String> flow = Flow.flow(out -> out.emit(null));
        assertThatThrownBy(flow::toList).isInstanceOf(NullPointerException.class).hasMessageContaining("value");
        assertThatThrownBy(() -> Flow.of(1).map(x -> null).toList())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("mapper returned null");
        Flow<String> raw = c -> c.emit(null);
        assertThatThrownBy(raw::toList).isInstanceOf(NullPointerException.class);
    }

    @Test
    void eachEmitChecksForCancellation() throws Exception {
        AtomicInteger emitted = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Flow<Integer> busy = Flow.flow(out -> {
            for (int i = 0; ; i++) {
                if (i == 10) {
                    started.countDown();
                }
                emitted.incrementAndGet();
                out.emit(i); // no suspension other than emit
            }
        });
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                try {
                    busy.collect(v -> { });
                } catch (Throwable t) {
                    seen.set(t);
                    throw t;
                }
            });
            started.await();
            job.cancel();
            job.join();
        }
        assertThat(seen.get()).isInstanceOf(CancellationException.class);
        int after = emitted.get();
        Thread.sleep(10);
        assertThat(emitted.get()).isEqualTo(after);
    }

    @Test
    void nestedFlowsKeepTheirOwnChecks() {
        Flow<Integer> inner = Flow.flow(out -> {
            out.emit(1);
            out.emit(2);
        });
        Flow<Integer> outer = Flow.flow(out -> {
            out.emitAll(inner);
            out.emitAll(inner.map(x -> x * 10));
        });
        assertThat(outer.toList()).containsExactly(1, 2, 10, 20);
    }
}
