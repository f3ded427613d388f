package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ChannelResult;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * {@code receiveAsFlow} and {@code consumeAsFlow}: a channel read as a flow. Collected as it is,
 * it receives straight from the channel on the collecting coroutine (the channel is the boundary);
 * with a {@code buffer} or {@code flowOn} fused onto it, a producer coroutine moves the elements
 * into a channel of the requested kind.
 *
 * <p>{@code consumeAsFlow} may be collected once and cancels the channel when the collection ends
 * early or fails; {@code receiveAsFlow} may be collected by several collectors at once (each
 * element goes to one of them) and never cancels the channel.
 *
 * @param <T> the element type
 */
final class ChannelAsFlow<T> extends ChannelFlow<T> {
    private final ReceiveChannel<T> channel;
    private final boolean consume;
    private final AtomicBoolean consumed;

    private ChannelAsFlow(ReceiveChannel<T> channel, boolean consume, AtomicBoolean consumed,
                          @Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.channel = channel;
        this.consume = consume;
        this.consumed = consumed;
    }

    static <T> Flow<T> of(ReceiveChannel<T> channel, boolean consume) {
        Objects.requireNonNull(channel, "channel");
        return new ChannelAsFlow<>(channel, consume, new AtomicBoolean(), null, OPTIONAL_CHANNEL,
                BufferOverflow.SUSPEND);
    }

    private void markConsumed() {
        if (consume && !consumed.compareAndSet(false, true)) {
            throw new IllegalStateException("a flow made by consumeAsFlow can be collected only once: the first"
                    + " collection consumes the channel (use receiveAsFlow to share a channel among collectors)");
        }
    }

    @Override
    public void collect(FlowCollector<? super T> collector) throws Exception {
        if (capacity == OPTIONAL_CHANNEL && dispatcher == null) {
            markConsumed();
            emitAll(collector);
        } else {
            super.collect(collector);
        }
    }

    @Override
    protected void produce(ProducerScope<T> scope) throws Exception {
        markConsumed();
        emitAll(scope.channel()::send);
    }

    private void emitAll(FlowCollector<? super T> collector) throws Exception {
        boolean completed = false;
        try {
            for (;;) {
                ChannelResult<T> r = channel.receiveCatching();
                if (r instanceof ChannelResult.Success<T> s) {
                    collector.emit(Objects.requireNonNull(s.value()));
                } else if (r instanceof ChannelResult.Closed<T> c) {
                    completed = true;
                    Throwable cause = c.cause();
                    if (cause != null) {
                        throw Throwables.asException(cause);
                    }
                    return;
                }
            }
        } finally {
            if (consume && !completed) {
                channel.cancel(new CancellationException("the collection of a consumeAsFlow flow ended early"));
            }
        }
    }

    @Override
    protected ChannelFlow<T> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new ChannelAsFlow<>(channel, consume, consumed, dispatcher, capacity, overflow);
    }
}
