package dev.weft.core.channels;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/** Bounded polling helpers for tests that need another coroutine to be suspended first. */
final class Waits {
    private Waits() {
    }

    /** Polls {@code condition} for up to 10 s; fails the test if it never holds. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    /** Waits until the thread stored in {@code ref} exists and is parked. */
    static void parked(AtomicReference<Thread> ref) {
        until("the coroutine is suspended", () -> {
            Thread t = ref.get();
            return t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING);
        });
    }
}
