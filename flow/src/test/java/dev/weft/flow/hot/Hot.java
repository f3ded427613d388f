package dev.weft.flow.hot;

import static org.assertj.core.api.Assertions.fail;

import dev.weft.flow.Flow;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Test helpers for hot flows: polling waits (no timing assertions) and a bounded collect. */
final class Hot {
    /** Upper bound for a condition that must eventually hold; generous for a loaded 2-core CI box. */
    static final long PATIENCE_MILLIS = 10_000;

    private Hot() {
    }

    /** Polls until {@code condition} holds, failing after {@link #PATIENCE_MILLIS}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(1);
        }
    }

    /** Polls until {@code value} equals {@code expected}, failing with the last value seen. */
    static <T> void awaitEquals(String what, Supplier<T> value, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
        T last;
        while (!(last = value.get()).equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what + ": expected " + expected + " but was " + last);
            }
            Thread.sleep(1);
        }
    }

    /** Collects the first {@code n} elements of {@code flow}, then stops collecting by throwing. */
    static <T> List<T> take(Flow<T> flow, int n) throws Exception {
        List<T> out = new ArrayList<>();
        Enough enough = new Enough();
        try {
            flow.collect(v -> {
                out.add(v);
                if (out.size() == n) {
                    throw enough;
                }
            });
        } catch (Enough e) {
            if (e != enough) {
                throw e;
            }
            return out;
        }
        throw new AssertionError("flow completed after " + out.size() + " of " + n + " elements");
    }

    /** Thrown by a collector to stop collecting. */
    static final class Enough extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Enough() {
            super("enough", null, false, false);
        }
    }
}
