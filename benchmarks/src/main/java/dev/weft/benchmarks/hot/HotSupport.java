package dev.weft.benchmarks.hot;

import dev.weft.flow.Flow;
import java.util.function.IntPredicate;

/** Collection helpers shared by the hot-flow benchmarks. */
final class HotSupport {
    private HotSupport() {
    }

    /** Sums the first {@code n} elements of {@code flow}, then stops collecting. */
    static long sumFirst(Flow<Integer> flow, int n) throws Exception {
        long[] acc = new long[2];
        try {
            flow.collect(v -> {
                acc[0] += v;
                if (++acc[1] == n) {
                    throw Stop.INSTANCE;
                }
            });
        } catch (Stop stop) {
            return acc[0];
        }
        throw new IllegalStateException("flow completed early");
    }

    /** Suspends until {@code flow} emits a value accepted by {@code condition}. */
    static void awaitValue(Flow<Integer> flow, IntPredicate condition) throws Exception {
        try {
            flow.collect(v -> {
                if (condition.test(v)) {
                    throw Stop.INSTANCE;
                }
            });
        } catch (Stop stop) {
            return;
        }
        throw new IllegalStateException("flow completed early");
    }

    /** Ends a collection from its collector (stackless, shared: only identity matters here). */
    static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Stop INSTANCE = new Stop();

        private Stop() {
            super("stop", null, false, false);
        }
    }
}
