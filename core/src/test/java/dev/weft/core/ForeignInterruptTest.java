package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A coroutine interrupted from outside weft is cancelled; the {@link CancellationException} that
 * says so names the coroutine, and however many scopes and awaits it crosses, the description is
 * chained once (the exception thrown, and the original cause under it), not once per level.
 */
class ForeignInterruptTest {

    private static List<Throwable> chain(Throwable t) {
        List<Throwable> out = new ArrayList<>();
        for (Throwable x = t; x != null && out.size() < 20; x = x.getCause()) {
            out.add(x);
        }
        return out;
    }

    private static void assertNamedOnce(Throwable t, String namePattern) {
        assertThat(t).isInstanceOf(CancellationException.class)
                .hasMessageMatching(namePattern + "#\\d+ was interrupted");
        List<Throwable> chain = chain(t);
        assertThat(chain).as("cause chain of %s", t).hasSizeLessThanOrEqualTo(2);
        if (chain.size() == 2) {
            assertThat(chain.get(1)).isInstanceOf(CancellationException.class).hasMessage(t.getMessage()).hasNoCause();
        }
    }

    /** Runs a child that is interrupted while it waits inside a nested scope; returns what each level saw. */
    private static Throwable[] interruptAChild(CoroutineContext childContext) {
        AtomicReference<Thread> thread = new AtomicReference<>();
        Throwable[] seen = new Throwable[3]; // in the child's body, its completion cause, from runBlocking
        try {
            Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope -> {
                Deferred<Object> child = scope.async(childContext, () -> {
                    thread.set(Thread.currentThread());
                    try {
                        return Coroutines.coroutineScope(inner -> {
                            Coroutines.delay(Duration.ofSeconds(30));
                            return null;
                        });
                    } catch (CancellationException e) {
                        seen[0] = e;
                        throw e;
                    }
                });
                child.invokeOnCompletion(cause -> seen[1] = cause);
                while (thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) {
                    Thread.onSpinWait();
                }
                thread.get().interrupt(); // from outside weft
                return child.await();
            }));
        } catch (Throwable t) {
            seen[2] = t;
        }
        return seen;
    }

    @Test
    void anUnnamedCoroutineIsNamedByItsIdAndTheDescriptionIsChainedOnce() {
        Throwable[] seen = interruptAChild(CoroutineContext.empty());
        assertThat(seen[0]).as("in the body").isInstanceOf(CancellationException.class);
        assertNamedOnce(seen[1], "coroutine");
        assertNamedOnce(seen[2], "coroutine");
    }

    @Test
    void aNamedCoroutineIsNamedByItsName() {
        Throwable[] seen = interruptAChild(CoroutineName.of("worker"));
        assertNamedOnce(seen[1], "worker");
        assertNamedOnce(seen[2], "worker");
    }

    @Test
    void theCancellationThrownAtTheSuspensionPointNamesTheCoroutine() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job j = scope.launch(() -> {
                thread.set(Thread.currentThread());
                try {
                    Coroutines.delay(Duration.ofSeconds(30));
                } catch (CancellationException e) {
                    seen.set(e);
                }
            });
            while (thread.get() == null || thread.get().getState() != Thread.State.TIMED_WAITING) {
                Thread.onSpinWait();
            }
            thread.get().interrupt();
            j.join();
            assertThat(j.isCancelled()).isTrue();
        }
        assertNamedOnce(seen.get(), "coroutine");
    }
}
