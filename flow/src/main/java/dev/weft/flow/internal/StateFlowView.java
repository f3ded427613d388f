package dev.weft.flow.internal;

import dev.weft.flow.FlowCollector;
import dev.weft.flow.StateFlow;
import java.util.List;
import java.util.Objects;

/**
 * A read-only view of a state flow: what {@code asStateFlow()}, {@code stateIn} and
 * {@code subscriptionCount()} return, so that holders cannot cast it back and set the value.
 *
 * @param <T> the value type
 */
public final class StateFlowView<T> implements StateFlow<T> {
    private final StateFlow<T> source;

    /**
     * Creates a read-only view of {@code source}.
     *
     * @param source the flow to expose
     */
    public StateFlowView(StateFlow<T> source) {
        this.source = Objects.requireNonNull(source, "source");
    }

    @Override
    public T value() {
        return source.value();
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
        return "StateFlow(" + source.value() + ")";
    }
}
