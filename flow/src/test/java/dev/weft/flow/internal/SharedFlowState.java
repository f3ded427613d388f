package dev.weft.flow.internal;

import dev.weft.flow.SharedFlow;

/**
 * Test-side view of a shared flow's buffer and suspended emitters: it lives in the machinery's
 * package so that main code needs no test-only accessors.
 */
public final class SharedFlowState {
    private SharedFlowState() {
    }

    private static SharedFlowImpl<?> of(SharedFlow<?> f) {
        if (!(f instanceof SharedFlowImpl<?> s)) {
            throw new AssertionError("not weft's shared flow: " + f);
        }
        return s;
    }

    /** @return the number of buffered elements, replay cache included */
    public static int bufferedCount(SharedFlow<?> f) {
        return of(f).bufferedCount();
    }

    /** @return the number of emitters suspended for buffer space */
    public static int suspendedEmitters(SharedFlow<?> f) {
        return of(f).suspendedEmitters();
    }
}
