package dev.weft.flow;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instrumented source for the tests: counts collections and emitted elements, records whether
 * its {@code finally} ran, and can fail after a number of elements.
 */
final class Probe {
    final AtomicInteger collections = new AtomicInteger();
    final AtomicInteger emitted = new AtomicInteger();
    final AtomicBoolean finished = new AtomicBoolean();
    final CountDownLatch firstEmitted = new CountDownLatch(1);

    /** An endless flow{} of 0, 1, 2, ... */
    Flow<Integer> infinite() {
        return Flow.flow(out -> {
            collections.incrementAndGet();
            try {
                for (int i = 0; ; i++) {
                    emitted.incrementAndGet();
                    firstEmitted.countDown();
                    out.emit(i);
                }
            } finally {
                finished.set(true);
            }
        });
    }

    /** A flow{} of 0 .. n-1. */
    Flow<Integer> upTo(int n) {
        return Flow.flow(out -> {
            collections.incrementAndGet();
            try {
                for (int i = 0; i < n; i++) {
                    emitted.incrementAndGet();
                    out.emit(i);
                }
            } finally {
                finished.set(true);
            }
        });
    }

    /** A flow{} of 0 .. n-1 that then fails with {@code failure}. */
    Flow<Integer> failingAfter(int n, Exception failure) {
        return Flow.flow(out -> {
            collections.incrementAndGet();
            try {
                for (int i = 0; i < n; i++) {
                    emitted.incrementAndGet();
                    out.emit(i);
                }
                throw failure;
            } finally {
                finished.set(true);
            }
        });
    }

    static IOException io(String message) {
        return new IOException(message);
    }
}
