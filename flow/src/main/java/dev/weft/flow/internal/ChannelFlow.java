package dev.weft.flow.internal;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.ReceiveChannel;
import dev.weft.core.channels.internal.ProducerChannel;
import dev.weft.core.internal.DispatcherFactory;
import dev.weft.core.internal.Strand;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A flow whose elements cross a channel from a producer coroutine to the collecting coroutine:
 * the base of {@code channelFlow}, {@code callbackFlow}, {@code buffer}/{@code flowOn}/
 * {@code conflate}, {@code merge}, {@code flatMapMerge}, {@code transformLatest} and the channel
 * adapters. It is a {@link FusibleFlow}: a {@code buffer}, {@code conflate} or {@code flowOn}
 * applied to it changes its one channel and dispatcher instead of adding a second boundary.
 *
 * <p>Collecting it opens a scope on the collecting coroutine, launches the producer in it (on
 * {@link #dispatcher} if set), and emits what it receives; when the collection ends for any reason
 * the producer is cancelled and the scope waits for it, so no coroutine outlives the collection.
 *
 * @param <T> the element type
 */
public abstract class ChannelFlow<T> implements FusibleFlow<T> {
    /** Counts the channels opened by collections of channel flows; a test probe for fusion. */
    static final AtomicLong CHANNELS_OPENED = new AtomicLong();

    protected final @Nullable Dispatcher dispatcher;
    protected final int capacity;
    protected final BufferOverflow overflow;

    protected ChannelFlow(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        this.dispatcher = dispatcher;
        this.capacity = capacity;
        this.overflow = overflow;
    }

    /**
     * Sends this flow's elements; runs in the producer coroutine.
     *
     * @param scope the producer's scope and channel
     * @throws Exception a failure, which the collector receives after the elements already sent
     */
    protected abstract void produce(ProducerScope<T> scope) throws Exception;

    /** A copy of this flow with another boundary. */
    protected abstract ChannelFlow<T> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow);

    /**
     * A flow to collect in place of this one, with no channel, when the boundary asked for turns
     * out to be empty (no buffer requested, and already on the requested dispatcher); null when a
     * channel is needed.
     */
    protected @Nullable Flow<T> withoutChannel() {
        return null;
    }

    /** Default capacity used when nobody asked for a size: {@link Channel#BUFFERED}. */
    final int produceCapacity() {
        return capacity == OPTIONAL_CHANNEL ? Channel.BUFFERED : capacity;
    }

    @Override
    public Flow<T> fuse(@Nullable Dispatcher d, int cap, BufferOverflow ov) {
        if (cap == Channel.CONFLATED) {
            cap = Channel.RENDEZVOUS;
            ov = BufferOverflow.DROP_OLDEST;
        }
        // the dispatcher closest to the producer wins: it is where this flow's producer must run
        Dispatcher nd = dispatcher != null ? dispatcher : d;
        int ncap;
        BufferOverflow nov;
        if (ov != BufferOverflow.SUSPEND) {
            // a dropping policy downstream decides what the one channel does when full
            ncap = cap;
            nov = ov;
        } else {
            if (capacity == OPTIONAL_CHANNEL) {
                ncap = cap;
            } else if (cap == OPTIONAL_CHANNEL) {
                ncap = capacity;
            } else if (capacity == Channel.BUFFERED) {
                ncap = cap;
            } else if (cap == Channel.BUFFERED) {
                ncap = capacity;
            } else {
                long sum = (long) capacity + cap;
                ncap = sum >= Channel.UNLIMITED ? Channel.UNLIMITED : (int) sum;
            }
            nov = overflow;
        }
        if (nd == dispatcher && ncap == capacity && nov == overflow) {
            return this;
        }
        return create(nd, ncap, nov);
    }

    /** Whether the calling coroutine already runs on {@code d}. */
    static boolean runsOn(Dispatcher d) {
        Strand s = Strand.current();
        return s != null && s.dispatcherIs(DispatcherFactory.require(d));
    }

    @Override
    public void collect(FlowCollector<? super T> collector) throws Exception {
        Flow<T> direct = withoutChannel();
        if (direct != null) {
            direct.collect(collector);
            return;
        }
        Throwable[] failure = new Throwable[1];
        boolean[] stoppedEarly = new boolean[1];
        List<Receiver<T>> opened = new ArrayList<>(1);
        try {
            collectThroughReceiver(collector, failure, stoppedEarly, opened);
        } catch (CancellationException e) {
            // the collecting coroutine itself was cancelled; the scope has joined the producer
            if (failure[0] == null) {
                failure[0] = e;
            }
            stoppedEarly[0] = true;
        }
        Throwable f = failure[0];
        if (f != null && stoppedEarly[0] && !opened.isEmpty()) {
            // the producer's cleanup runs inside emit without the boundary: its failure is not lost
            f = Throwables.withCleanupFailure(f, opened.get(0).cleanupFailure());
        }
        if (f != null) {
            throw Throwables.asException(f);
        }
    }

    private void collectThroughReceiver(FlowCollector<? super T> collector, Throwable[] failure,
            boolean[] stoppedEarly, List<Receiver<T>> opened) throws Exception {
        Coroutines.coroutineScope(scope -> {
            Receiver<T> receiver = openReceiver(scope);
            opened.add(receiver);
            try {
                for (;;) {
                    Object e;
                    try {
                        e = receiver.take();
                    } catch (CancellationException c) {
                        stoppedEarly[0] = true; // this coroutine was cancelled (or the producer threw one)
                        throw c;
                    }
                    if (e == Receiver.END) {
                        break;
                    }
                    @SuppressWarnings("unchecked")
                    T t = (T) e;
                    try {
                        collector.emit(t);
                    } catch (Throwable x) {
                        stoppedEarly[0] = true;
                        throw x;
                    }
                }
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                receiver.cancel();
            }
            return null;
        });
    }

    /**
     * Starts this flow's producer in {@code scope} and returns the end the collecting coroutine
     * takes elements from. This one goes through a weft channel; subclasses may use a cheaper
     * handoff where their producer allows it.
     */
    Receiver<T> openReceiver(CoroutineScope scope) {
        ProducerChannel<T> producer = produceImpl(scope, false);
        Iterator<T> it = producer.iterator();
        return new Receiver<>() {
            @Override
            public Object take() throws Exception {
                try {
                    return it.hasNext() ? it.next() : END;
                } catch (Throwable t) {
                    throw Throwables.asException(producer.unwrap(t));
                }
            }

            @Override
            public void cancel() {
                producer.cancel();
            }

            @Override
            public @Nullable Throwable cleanupFailure() {
                return producer.cleanupFailure();
            }
        };
    }

    /**
     * Launches this flow's producer in {@code scope} and returns it, as a channel to receive from.
     *
     * @param failScope whether the producer's failure also fails {@code scope} (produceIn)
     */
    final ProducerChannel<T> produceImpl(CoroutineScope scope, boolean failScope) {
        CHANNELS_OPENED.incrementAndGet();
        Channel<T> channel = Channel.of(produceCapacity(), overflow, null);
        return ProducerChannel.launch(channel, scope, dispatcher == null ? CoroutineContext.empty() : dispatcher,
                this::produce, failScope);
    }

    /** {@code produceIn}: the flow as a channel filled by a coroutine of {@code scope}. */
    public static <T> ReceiveChannel<T> produceIn(Flow<T> flow, CoroutineScope scope) {
        java.util.Objects.requireNonNull(scope, "scope");
        return asChannelFlow(flow).produceImpl(scope, true);
    }

    /** Returns {@code flow} as a channel flow, adding a boundary with no preferences if needed. */
    static <T> ChannelFlow<T> asChannelFlow(Flow<T> flow) {
        if (flow instanceof ChannelFlow<T> cf) {
            return cf;
        }
        return new ChannelFlowOperator<>(flow, null, OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + (dispatcher != null ? dispatcher.name() + ", " : "")
                + "capacity=" + capacityName(capacity) + ", " + overflow + ")";
    }

    static String capacityName(int c) {
        return switch (c) {
            case OPTIONAL_CHANNEL -> "default";
            case Channel.BUFFERED -> "BUFFERED";
            case Channel.UNLIMITED -> "UNLIMITED";
            default -> Integer.toString(c);
        };
    }
}
