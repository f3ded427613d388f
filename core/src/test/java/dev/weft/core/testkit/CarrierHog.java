package dev.weft.core.testkit;

import dev.weft.core.CloseableDispatcher;
import dev.weft.core.CoroutineScope;
import dev.weft.core.OwnedScope;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Occupies the only carrier of a single-thread dispatcher with a coroutine that spins, so a
 * coroutine started there afterwards queues behind it without running. The spin ends when the
 * coroutine is cancelled (its interrupt: {@link #closeDispatcher()} does that) or when the hog is
 * closed, which also closes its scope.
 *
 * <pre>{@code
 * try (CarrierHog hog = CarrierHog.occupy(d)) {
 *     ... start what must stay queued ...
 *     hog.closeDispatcher();  // cancels the hog and the queued coroutine before it ran
 * }
 * }</pre>
 */
public final class CarrierHog implements AutoCloseable {
    private final CloseableDispatcher dispatcher;
    private final OwnedScope scope;
    private final AtomicBoolean release = new AtomicBoolean();

    private CarrierHog(CloseableDispatcher d) {
        this.dispatcher = d;
        this.scope = CoroutineScope.supervisor(d);
    }

    /**
     * Starts the spinning coroutine on {@code d} and returns once it spins.
     *
     * @param d a single-thread dispatcher
     * @return the hog, to close when done
     * @throws InterruptedException if interrupted while waiting for the spin to start
     */
    public static CarrierHog occupy(CloseableDispatcher d) throws InterruptedException {
        CarrierHog hog = new CarrierHog(d);
        CountDownLatch spinning = new CountDownLatch(1);
        hog.scope.launch(() -> {
            spinning.countDown();
            while (!hog.release.get() && !Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        spinning.await();
        return hog;
    }

    /**
     * Closes the dispatcher: it cancels its coroutines, the hog (whose interrupt ends the spin) and
     * whatever queued behind it before it ran.
     */
    public void closeDispatcher() {
        dispatcher.close();
    }

    /** Ends the spin (if the dispatcher did not) and closes the hog's scope. */
    @Override
    public void close() {
        release.set(true);
        scope.close();
    }
}
