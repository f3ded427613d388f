package dev.weft.reactor.internal;

import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code await} and {@code awaitOrNull} of a Mono: refuse a Reactor non-blocking thread, subscribe
 * with the caller's Reactor context (and captured ThreadLocals) and wait for the Mono to
 * <em>terminate</em>. The value alone does not end the wait and nothing is cancelled after it: a
 * Mono whose completion commits a transaction (spring-framework #25007) completes undisturbed.
 */
public final class Awaits {
    private Awaits() {
    }

    /**
     * Fails fast where waiting would block a thread that must never block.
     *
     * @param operator the operation, for the message
     * @throws IllegalStateException on a thread for which {@link Schedulers#isInNonBlockingThread()}
     */
    public static void checkMayWait(String operator) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("ReactorFlows." + operator + " called on "
                    + Thread.currentThread().getName() + ", a Reactor non-blocking thread "
                    + "(Schedulers.isInNonBlockingThread()): waiting there would block a thread that must "
                    + "never block, which Mono.block() refuses too. Await from a coroutine instead (inside "
                    + "ReactorFlows.mono{...}/flux{...} or any weft coroutine: a coroutine is a virtual thread, "
                    + "never a non-blocking thread), or compose with Mono operators (flatMap, zip) here.");
        }
    }

    /**
     * Awaits the value of {@code mono}.
     *
     * @param mono the source
     * @param <T> the element type
     * @return the value
     * @throws NoSuchElementException if the Mono completed empty
     */
    public static <T> T await(Mono<T> mono) {
        checkMayWait("await");
        T v = ReactorBridge.BRIDGE.awaitSingleOrNull(mono);
        if (v == null) {
            throw new NoSuchElementException("ReactorFlows.await: " + mono
                    + " completed without a value (use awaitOrNull for a Mono that may be empty)");
        }
        return v;
    }

    /**
     * Awaits the value of {@code mono}, or null if it completes empty.
     *
     * @param mono the source
     * @param <T> the element type
     * @return the value or null
     */
    public static <T> @Nullable T awaitOrNull(Mono<T> mono) {
        checkMayWait("awaitOrNull");
        return ReactorBridge.BRIDGE.awaitSingleOrNull(mono);
    }
}
