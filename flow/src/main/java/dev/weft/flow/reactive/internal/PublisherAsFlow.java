package dev.weft.flow.reactive.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingPredicate;
import dev.weft.flow.internal.FusibleFlow;
import dev.weft.flow.internal.LoopSource;
import dev.weft.flow.reactive.DroppedErrorHandler;
import dev.weft.flow.reactive.ReactiveFlows;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The flow returned by {@code asFlow}: each collection subscribes anew through an
 * {@link AsFlowSubscriber}. It fuses with a following {@code buffer}, {@code conflate} and
 * {@code flowOn}: they change the request size, the overflow policy or the dispatcher the
 * subscription is driven from, instead of adding a second boundary.
 *
 * <p>It is a {@link LoopSource}: a {@code map}/{@code filter} right after it runs inside the
 * subscriber's polling loop when an adapter hands a synchronously drainable source
 * ({@link dev.weft.flow.reactive.PolledSubscription}), and as a wrapping collector otherwise.
 *
 * <p>Fusion rules (those of kotlinx.coroutines' channel flows): the default prefetch gives way to an
 * explicit buffer size; two explicit sizes add up (the two buffers of the unfused chain would hold
 * that many); {@code BUFFERED} and "no preference" keep the size there is; a dropping policy
 * replaces size and policy; the first {@code flowOn} wins (upstream of it runs there).
 *
 * @param <T> the element type
 */
public final class PublisherAsFlow<T> implements FusibleFlow<T>, LoopSource<T> {
    private final Upstream<T> upstream;
    /** {@link Channel#BUFFERED} (the default prefetch), a size >= 0, or {@link Channel#UNLIMITED}. */
    private final int capacity;
    private final BufferOverflow overflow;
    private final @Nullable Dispatcher dispatcher;
    private final DroppedErrorHandler dropped;

    /**
     * Creates the flow.
     *
     * @param upstream   the publisher
     * @param capacity   {@link Channel#BUFFERED} for the default prefetch, a size {@code >= 0}, or
     *                   {@link Channel#UNLIMITED}
     * @param overflow   the overflow policy
     * @param dispatcher where subscribe/request/cancel run, or null for the collecting coroutine
     * @param dropped    where errors nobody can receive go
     */
    public PublisherAsFlow(Upstream<T> upstream, int capacity, BufferOverflow overflow, @Nullable Dispatcher dispatcher,
                           DroppedErrorHandler dropped) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.capacity = capacity;
        this.overflow = Objects.requireNonNull(overflow, "overflow");
        this.dispatcher = dispatcher;
        this.dropped = Objects.requireNonNull(dropped, "dropped");
    }

    @Override
    public void collect(FlowCollector<? super T> collector) throws Exception {
        Objects.requireNonNull(collector, "collector");
        this.<T>collectThrough(null, null, true, collector);
    }

    @Override
    public <R> void collectThrough(@Nullable ThrowingFunction<? super T, ? extends R> mapper,
            @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector)
            throws Exception {
        int size = capacity == Channel.BUFFERED ? ReactiveFlows.DEFAULT_PREFETCH : capacity;
        AsFlowSubscriber<T> s = AsFlowSubscriber.create(upstream.publisher(), size, overflow, dropped);
        Dispatcher d = dispatcher;
        if (d == null || d.equals(Coroutines.currentContext().dispatcher())) {
            s.collect(upstream, mapper, predicate, keep, collector);
        } else {
            s.collectOn(d, upstream, LoopSource.stage(mapper, predicate, keep, collector));
        }
    }

    @Override
    public Flow<T> fuse(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        Objects.requireNonNull(overflow, "overflow");
        if (capacity < 0 && capacity != Channel.BUFFERED && capacity != Channel.CONFLATED
                && capacity != FusibleFlow.OPTIONAL_CHANNEL) {
            throw new IllegalArgumentException("capacity must be >= 0 or a Channel constant: " + capacity);
        }
        if (capacity == Channel.CONFLATED) {
            capacity = 1;
            overflow = BufferOverflow.DROP_OLDEST;
        }
        Dispatcher newDispatcher = this.dispatcher != null ? this.dispatcher : dispatcher;
        int newCapacity;
        BufferOverflow newOverflow;
        if (overflow != BufferOverflow.SUSPEND) {
            newCapacity = capacity == FusibleFlow.OPTIONAL_CHANNEL ? this.capacity : capacity;
            newOverflow = overflow;
        } else {
            if (capacity == FusibleFlow.OPTIONAL_CHANNEL || capacity == Channel.BUFFERED) {
                newCapacity = this.capacity;
            } else if (this.capacity == Channel.BUFFERED) {
                newCapacity = capacity;
            } else if (this.capacity == Channel.UNLIMITED || capacity == Channel.UNLIMITED) {
                newCapacity = Channel.UNLIMITED;
            } else {
                long sum = (long) this.capacity + capacity;
                newCapacity = sum >= Channel.UNLIMITED ? Channel.UNLIMITED : (int) sum;
            }
            newOverflow = this.overflow;
        }
        if (newCapacity == this.capacity && newOverflow == this.overflow && Objects.equals(newDispatcher, this.dispatcher)) {
            return this;
        }
        return new PublisherAsFlow<>(upstream, newCapacity, newOverflow, newDispatcher, dropped);
    }

    /** @return the capacity in force: {@link Channel#BUFFERED}, a size, or {@link Channel#UNLIMITED} */
    int capacity() {
        return capacity;
    }

    /** @return the overflow policy in force */
    BufferOverflow overflow() {
        return overflow;
    }

    /** @return the dispatcher subscribe/request/cancel run on, or null for the collecting coroutine */
    @Nullable Dispatcher dispatcher() {
        return dispatcher;
    }

    @Override
    public String toString() {
        return "asFlow(" + Rules.describe(upstream.publisher()) + ")";
    }
}
