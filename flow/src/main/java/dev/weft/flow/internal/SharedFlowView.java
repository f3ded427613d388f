package dev.weft.flow.internal;

import dev.weft.flow.FlowCollector;
import dev.weft.flow.SharedFlow;
import dev.weft.flow.StateFlow;
import java.util.List;
import java.util.Objects;

/**
 * A read-only view of a shared flow: what {@code asSharedFlow()} and {@code shareIn} return, so
 * that holders cannot cast it back to the mutable flow and emit.
 *
 * @param <T> the element type
 */
public final class SharedFlowView<T> implements SharedFlow<T> {
    private final SharedFlow<T> source;

    /**
     * Creates a read-only view of {@code source}.
     *
     * @param source the flow to expose
     */
    public SharedFlowView(SharedFlow<T> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public List<T> replayCache() {
        return source.replayCache();
    }

    @Override
    public StateFlow<Integer> subscriptionCount() {
        return source.subscriptionCount();
    }

    @Override
    public void collect(FlowCollector<? super T> collector) throws Exception {
        source.collect(collector);
    }

    @Override
    public String toString() {
        return "SharedFlow(" + source + ")";
    }
}
