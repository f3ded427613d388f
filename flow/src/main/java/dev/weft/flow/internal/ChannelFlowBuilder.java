package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.channels.ProducerScope;
import org.jspecify.annotations.Nullable;

/**
 * {@code channelFlow} and {@code callbackFlow}: the user's block is the producer. A callback flow
 * must end its block with {@code awaitClose}: returning while the channel is still open would
 * leave a registered callback sending into nothing, so it fails.
 *
 * @param <T> the element type
 */
final class ChannelFlowBuilder<T> extends ChannelFlow<T> {
    private final ProducerBlock<T> block;
    private final boolean callback;

    ChannelFlowBuilder(ProducerBlock<T> block, boolean callback, @Nullable Dispatcher dispatcher, int capacity,
                       BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.block = block;
        this.callback = callback;
    }

    static <T> ChannelFlow<T> channelFlow(ProducerBlock<T> block) {
        java.util.Objects.requireNonNull(block, "block");
        return new ChannelFlowBuilder<>(block, false, null, Channel.BUFFERED, BufferOverflow.SUSPEND);
    }

    static <T> ChannelFlow<T> callbackFlow(ProducerBlock<T> block) {
        java.util.Objects.requireNonNull(block, "block");
        return new ChannelFlowBuilder<>(block, true, null, Channel.BUFFERED, BufferOverflow.SUSPEND);
    }

    @Override
    protected void produce(ProducerScope<T> scope) throws Exception {
        block.run(scope);
        if (callback && !scope.isClosedForSend()) {
            throw new IllegalStateException("a callbackFlow block must end with awaitClose(() -> unregister(...)):"
                    + " it returned while its channel was still open, so a registered callback would leak;"
                    + " call awaitClose, or close the channel when the source is done");
        }
    }

    @Override
    protected ChannelFlow<T> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new ChannelFlowBuilder<>(block, callback, dispatcher, capacity, overflow);
    }
}
