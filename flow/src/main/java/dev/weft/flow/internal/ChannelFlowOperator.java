package dev.weft.flow.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatcher;
import dev.weft.core.Job;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.internal.Cancellation;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.core.internal.Strand;
import dev.weft.flow.Flow;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * {@code buffer}, {@code conflate} and {@code flowOn} over a flow that has no boundary of its
 * own: the producer coroutine collects the upstream into the channel.
 *
 * <p>When collected with a bounded, suspending buffer (the common {@code buffer(n)} and
 * {@code flowOn}), the handoff is a {@link SpscBuffer} instead of a general channel: the producer
 * is one sequential collection, so a lock-free single-producer single-consumer ring with
 * half-buffer wake-ups carries the elements at a fraction of the cost. Rendezvous, dropping,
 * unlimited buffers and {@code produceIn} go through a weft {@code Channel}. Over a
 * {@link PureSource} a suspending buffer or a {@code flowOn} opens no boundary at all.
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
        upstream.collect(scope::send);
    }

    /** The largest capacity served by the ring; beyond it, a growable channel. */
    private static final int MAX_RING = 1 << 16;

    @Override
    Receiver<T> openReceiver(CoroutineScope scope) {
        int cap = capacity == OPTIONAL_CHANNEL || capacity == Channel.BUFFERED ? Channel.DEFAULT_BUFFER_SIZE : capacity;
        if (overflow != BufferOverflow.SUSPEND || cap < 1 || cap > MAX_RING) {
            return super.openReceiver(scope);
        }
        CHANNELS_OPENED.incrementAndGet();
        // a flowOn to another dispatcher, or a collector that is not a coroutine: two threads for sure
        boolean otherThreads = Strand.current() == null
                || (dispatcher != null && !runsOn(dispatcher));
        SpscBuffer<T> ring = new SpscBuffer<>(cap, otherThreads);
        Throwable[] cleanupFailure = new Throwable[1]; // written by the producer before it ends, read after
        Job producer = scope.launch(dispatcher == null ? CoroutineContext.empty() : dispatcher, () -> {
            try {
                upstream.collect(ring::put);
            } catch (Throwable t) {
                if (!(t instanceof CancellationException) && Cancellation.wasStoppedFromOutside()) {
                    cleanupFailure[0] = t; // it replaced the cancellation on the way out: a cleanup's
                }
                ring.complete(t);
                return;
            }
            ring.complete(null);
        });
        // also ends the consumer if the producer never ran (its scope was cancelled first)
        producer.invokeOnCompletion(ring::complete);
        return new Receiver<>() {
            @Override
            public Object take() throws Exception {
                Object e = ring.take();
                if (e == END) {
                    Throwable f = ring.failure();
                    if (f != null) {
                        throw Throwables.asException(f);
                    }
                }
                return e;
            }

            @Override
            public void cancel() {
                producer.cancel();
            }

            @Override
            public @Nullable Throwable cleanupFailure() {
                return cleanupFailure[0];
            }
        };
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
        // a suspending buffer or a flowOn over a source that runs no user code: nothing to decouple
        if (overflow == BufferOverflow.SUSPEND && upstream instanceof PureSource<T>) {
            if (dispatcher != null) {
                DispatcherFactory.require(dispatcher).checkOpen(); // the error the producer's launch would give
            }
            return upstream;
        }
        return null;
    }
}
