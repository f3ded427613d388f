package dev.weft.flow.reactive.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.flow.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Test-side view of what an {@code asFlow} flow fused into (capacity, overflow, dispatcher): it
 * lives in the machinery's package so that main code needs no test-only accessors.
 */
public final class FusionState {
    private FusionState() {
    }

    private static PublisherAsFlow<?> of(Flow<?> f) {
        if (!(f instanceof PublisherAsFlow<?> p)) {
            throw new AssertionError("not fused into the asFlow source: " + f);
        }
        return p;
    }

    /** @return the capacity in force */
    public static int capacity(Flow<?> f) {
        return of(f).capacity();
    }

    /** @return the overflow policy in force */
    public static BufferOverflow overflow(Flow<?> f) {
        return of(f).overflow();
    }

    /** @return the dispatcher subscribe/request/cancel run on, or null */
    public static @Nullable Dispatcher dispatcher(Flow<?> f) {
        return of(f).dispatcher();
    }
}
