package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.flow.Flow;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@code merge}: each flow is collected by its own coroutine, all sending into one channel.
 *
 * @param <T> the element type
 */
final class MergeFlow<T> extends ChannelFlow<T> {
    private final List<Flow<? extends T>> flows;

    private MergeFlow(List<Flow<? extends T>> flows, @Nullable Dispatcher dispatcher, int capacity,
                      BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.flows = flows;
    }

    static <T> Flow<T> merge(List<? extends Flow<? extends T>> flows) {
        Objects.requireNonNull(flows, "flows");
        List<Flow<? extends T>> copy = List.copyOf(flows); // throws NullPointerException on a null element
        if (copy.isEmpty()) {
            return Builders.empty();
        }
        if (copy.size() == 1) {
            @SuppressWarnings("unchecked")
            Flow<T> only = (Flow<T>) copy.get(0);
            return only;
        }
        return new MergeFlow<>(copy, null, OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    @Override
    protected void produce(ProducerScope<T> scope) {
        SendChannel<T> out = scope.channel();
        for (Flow<? extends T> f : flows) {
            scope.launch(() -> NullChecks.upstream(f).collect(out::send));
        }
    }

    @Override
    protected ChannelFlow<T> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new MergeFlow<>(flows, dispatcher, capacity, overflow);
    }
}
