package dev.weft.flow.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.flow.Flow;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The asynchronous boundaries: the builders and operators that put a channel between a producer
 * coroutine and the collector, and fuse with each other (see {@link ChannelFlow#fuse}).
 */
public final class BoundaryOps {
    private BoundaryOps() {
    }

    public static <T> Flow<T> channelFlow(ProducerBlock<T> block) {
        return ChannelFlowBuilder.channelFlow(block);
    }

    public static <T> Flow<T> callbackFlow(ProducerBlock<T> block) {
        return ChannelFlowBuilder.callbackFlow(block);
    }

    public static <T> Flow<T> receiveAsFlow(ReceiveChannel<T> channel) {
        return ChannelAsFlow.of(channel, false);
    }

    public static <T> Flow<T> consumeAsFlow(ReceiveChannel<T> channel) {
        return ChannelAsFlow.of(channel, true);
    }

    public static <T> Flow<T> buffer(Flow<T> upstream, int capacity, BufferOverflow overflow) {
        Objects.requireNonNull(overflow, "overflow");
        if (capacity < 0 && capacity != Channel.BUFFERED && capacity != Channel.CONFLATED) {
            throw new IllegalArgumentException("buffer capacity must be >= 0, BUFFERED, CONFLATED or UNLIMITED, but was "
                    + capacity);
        }
        if (capacity == Channel.CONFLATED) {
            if (overflow != BufferOverflow.SUSPEND) {
                throw new IllegalArgumentException("CONFLATED capacity cannot be combined with overflow " + overflow
                        + " (conflated already means one slot, DROP_OLDEST)");
            }
            capacity = Channel.RENDEZVOUS;
            overflow = BufferOverflow.DROP_OLDEST;
        }
        return fuse(upstream, null, capacity, overflow);
    }

    public static <T> Flow<T> flowOn(Flow<T> upstream, Dispatcher dispatcher) {
        Objects.requireNonNull(dispatcher, "dispatcher");
        DispatcherFactory.require(dispatcher); // a foreign implementation is refused now, not at collection
        return fuse(upstream, dispatcher, FusibleFlow.OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    private static <T> Flow<T> fuse(Flow<T> upstream, @Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        if (upstream instanceof FusibleFlow<T> f) {
            return f.fuse(dispatcher, capacity, overflow);
        }
        return new ChannelFlowOperator<>(upstream, dispatcher, capacity, overflow);
    }

    public static <T> ReceiveChannel<T> produceIn(Flow<T> flow, CoroutineScope scope) {
        return ChannelFlow.produceIn(flow, scope);
    }
}
