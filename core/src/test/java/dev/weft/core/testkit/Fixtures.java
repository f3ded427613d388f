package dev.weft.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Dispatcher;
import dev.weft.core.TimeSource;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Small stand-ins that several modules' tests need. */
public final class Fixtures {
    private Fixtures() {
    }

    /**
     * Returns a {@link Dispatcher} that weft did not make (no carriers of its own): every API that
     * takes a dispatcher must refuse it with an {@link IllegalArgumentException}.
     *
     * @return a foreign dispatcher named "foreign"
     */
    public static Dispatcher foreignDispatcher() {
        return new Dispatcher() {
            @Override
            public String name() {
                return "foreign";
            }

            @Override
            public boolean ownsCarriers() {
                return false;
            }

            @Override
            public TimeSource timeSource() {
                return TimeSource.system();
            }
        };
    }

    /**
     * An endless iterable of 0, 1, 2, ... that counts how many elements were taken from it: shows
     * how far a source ran ahead of its consumer.
     */
    public static final class CountingIterable implements Iterable<Integer> {
        private final AtomicInteger taken = new AtomicInteger();

        /** @return how many elements all its iterators have handed out so far */
        public int taken() {
            return taken.get();
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public Integer next() {
                    return taken.getAndIncrement();
                }
            };
        }
    }

    /**
     * Waits, up to 5 seconds of real time, until {@code count} reaches {@code expected}, then asserts
     * it is exactly {@code expected} (so an overshoot fails too).
     *
     * @param count    the counter another thread increments
     * @param expected the value to wait for
     * @throws InterruptedException if interrupted while waiting
     */
    public static void awaitCount(AtomicInteger count, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (count.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(count).hasValue(expected);
    }
}
