package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.flow.Flow;
import org.jspecify.annotations.Nullable;

/**
 * {@code buffer}, {@code conflate} and {@code flowOn} over a flow that has no boundary of its
 * own: the producer coroutine collects the upstream into the channel.
 *
 * @param <T> the element type
 */
final class ChannelFlowOperator<T> extends ChannelFlow<T> {
    final Flow<T> upstream;

    ChannelFlowOperator(Flow<T> upstream, @Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.upstream = upstream;
    }

    @Override
    protected void produce(ProducerScope<T> scope) throws Exception {
        SendChannel<T> channel = scope.channel();
        upstream.collect(channel::send);
    }

    @Override
    protected ChannelFlow<T> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new ChannelFlowOperator<>(upstream, dispatcher, capacity, overflow);
    }

    @Override
    protected @Nullable Flow<T> withoutChannel() {
        // flowOn to the dispatcher the collector already runs on, with no buffer asked for
        if (capacity == OPTIONAL_CHANNEL && (dispatcher == null || runsOn(dispatcher))) {
            return upstream;
        }
        return null;
    }
}
