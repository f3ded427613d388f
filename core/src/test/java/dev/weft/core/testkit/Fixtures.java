package dev.weft.core.testkit;

import dev.weft.core.Dispatcher;
import dev.weft.core.TimeSource;
import java.util.Iterator;
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
}
