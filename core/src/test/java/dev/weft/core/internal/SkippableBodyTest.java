package dev.weft.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineContext;
import dev.weft.core.Dispatchers;
import dev.weft.core.testkit.CarrierHog;
import dev.weft.core.testkit.LogCapture;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@link CoroutineImpl.SkippableBody}: a body whose coroutine is cancelled before it starts hears it
 * once, before the coroutine completes, and never runs; a hook that throws is logged and changes
 * nothing else.
 */
class SkippableBodyTest {

    /** Records its calls; {@code skipped} sees whether the coroutine had completed yet. */
    private static final class Body implements Callable<@Nullable Void>, CoroutineImpl.SkippableBody {
        final AtomicInteger calls = new AtomicInteger();
        final List<Throwable> skips = new CopyOnWriteArrayList<>();
        final AtomicReference<CoroutineImpl<?>> coroutine = new AtomicReference<>();
        final AtomicBoolean completedWhenSkipped = new AtomicBoolean();
        final boolean failInHook;

        Body(boolean failInHook) {
            this.failInHook = failInHook;
        }

        @Override
        public @Nullable Void call() {
            calls.incrementAndGet();
            return null;
        }

        @Override
        public void skipped(Throwable cause) {
            skips.add(cause);
            CoroutineImpl<?> c = coroutine.get();
            completedWhenSkipped.set(c != null && c.isCompleted());
            if (failInHook) {
                throw new IllegalStateException("hook failed on purpose");
            }
        }
    }

    /** Starts {@code body} behind a hog on a single-thread dispatcher, then closes the dispatcher. */
    private static CoroutineImpl<?> startQueuedThenClose(Body body) throws InterruptedException {
        CloseableDispatcher d = Dispatchers.newSingleThread("skip");
        CoroutineImpl<?> c;
        try (CarrierHog hog = CarrierHog.occupy(d)) { // the body's coroutine queues behind it
            c = CoroutineImpl.start(null, CoroutineContext.empty(), d, body, false);
            body.coroutine.set(c);
            hog.closeDispatcher(); // cancels the hog and the queued coroutine before it ran
        }
        c.join();
        return c;
    }

    @Test
    void aBodyCancelledBeforeItRanHearsItOnceBeforeTheCoroutineCompletes() throws Exception {
        Body body = new Body(false);
        CoroutineImpl<?> c = startQueuedThenClose(body);
        assertThat(body.calls).as("the body never ran").hasValue(0);
        assertThat(body.skips).singleElement().isInstanceOf(CancellationException.class)
                .extracting(Throwable::getMessage).asString().contains("'skip'").contains("closed");
        assertThat(body.completedWhenSkipped).as("told before the coroutine completed").isFalse();
        assertThat(c.isCancelled()).isTrue();
        assertThat(c.isCompleted()).isTrue();
    }

    @Test
    void aHookThatThrowsIsLoggedAndTheCoroutineStillCompletes() throws Exception {
        try (LogCapture log = LogCapture.of("dev.weft.core")) {
            Body body = new Body(true);
            CoroutineImpl<?> c = startQueuedThenClose(body);
            LogRecord r = log.awaitOnly(Level.WARNING);
            assertThat(r.getMessage()).contains("skipped()");
            assertThat(r.getThrown()).hasMessage("hook failed on purpose");
            assertThat(body.skips).hasSize(1);
            assertThat(body.calls).hasValue(0);
            assertThat(c.isCompleted()).isTrue();
            assertThat(c.isCancelled()).isTrue();
        }
    }

    @Test
    void aBodyThatRunsIsNeverToldItWasSkipped() throws Exception {
        Body body = new Body(false);
        CoroutineImpl<?> c = CoroutineImpl.start(null, CoroutineContext.empty(), CoroutineContext.empty(), body, false);
        c.join();
        assertThat(body.calls).hasValue(1);
        assertThat(body.skips).isEmpty();
        assertThat(c.isCancelled()).isFalse();
    }
}
