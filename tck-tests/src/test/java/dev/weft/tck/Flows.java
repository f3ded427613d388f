package dev.weft.tck;

import dev.weft.flow.Flow;
import org.reactivestreams.tck.flow.support.TestException;

/** The flows the publisher verifications bridge. */
final class Flows {
    private Flows() {
    }

    /** 0, 1, ... elements-1; {@code Long.MAX_VALUE} elements is, in practice, infinite. */
    static Flow<Long> range(long elements) {
        return c -> {
            for (long i = 0; i < elements; i++) {
                c.emit(i);
            }
        };
    }

    /** No element, just completion. */
    static Flow<Long> empty() {
        return c -> { };
    }

    /** Fails before its first element. */
    static Flow<Long> failing() {
        return c -> {
            throw new TestException();
        };
    }

    /** {@code range} or, for 0 elements, {@code empty}: the TCK asks for both. */
    static Flow<Long> rangeOrEmpty(long elements) {
        return elements == 0 ? empty() : range(elements);
    }
}
