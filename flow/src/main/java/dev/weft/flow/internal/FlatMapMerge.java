package dev.weft.flow.internal;

import dev.weft.core.Dispatcher;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.ProducerScope;
import dev.weft.core.channels.SendChannel;
import dev.weft.core.internal.Cancellation;
import dev.weft.flow.Flow;
import dev.weft.flow.function.ThrowingFunction;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import org.jspecify.annotations.Nullable;

/**
 * {@code flatMapMerge}: the producer collects the upstream; for each element it waits for one of
 * {@code concurrency} permits and launches a coroutine that collects the inner flow into the
 * channel and gives the permit back when done. So at most {@code concurrency} inner flows run at
 * once, and the upstream is suspended while all permits are taken. An inner flow that is a
 * {@link PureSource} ({@code of}, {@code range}, {@code empty}) is sent by the producer itself,
 * up to {@link #IN_PLACE_LIMIT} elements, holding a permit meanwhile; what is left of it then
 * goes on in a coroutine of its own.
 *
 * @param <T> the upstream type
 * @param <R> the element type of the inner flows
 */
final class FlatMapMerge<T, R> extends ChannelFlow<R> {
    private final Flow<T> upstream;
    private final ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper;
    private final int concurrency;

    private FlatMapMerge(Flow<T> upstream, ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper,
                         int concurrency, @Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        super(dispatcher, capacity, overflow);
        this.upstream = upstream;
        this.mapper = mapper;
        this.concurrency = concurrency;
    }

    static <T, R> Flow<R> flatMapMerge(Flow<T> upstream, int concurrency,
            ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        Objects.requireNonNull(mapper, "mapper");
        if (concurrency == 1) {
            return ConcatOps.flatMapConcat(upstream, mapper);
        }
        return new FlatMapMerge<>(upstream, mapper, concurrency, null, OPTIONAL_CHANNEL, BufferOverflow.SUSPEND);
    }

    static <T> Flow<T> flattenMerge(Flow<? extends Flow<? extends T>> flows, int concurrency) {
        Objects.requireNonNull(flows, "flows");
        @SuppressWarnings("unchecked")
        Flow<Flow<? extends T>> f = (Flow<Flow<? extends T>>) flows;
        return flatMapMerge(f, concurrency, inner -> inner);
    }

    @Override
    protected void produce(ProducerScope<R> scope) throws Exception {
        Semaphore permits = new Semaphore(concurrency);
        SendChannel<R> out = scope.channel();
        upstream.collect(value -> {
            acquire(permits);
            Flow<? extends R> inner;
            try {
                inner = Objects.requireNonNull(mapper.apply(value), "mapper returned a null flow");
            } catch (Throwable t) {
                permits.release();
                throw t;
            }
            if (inner instanceof PureSource<? extends R> pure) {
                sendInPlace(pure, out, scope, permits);
                return;
            }
            scope.launch(() -> {
                try {
                    NullChecks.upstream(inner).collect(out::send);
                } finally {
                    permits.release();
                }
            });
        });
    }

    /** The most elements of a pure inner flow the producer sends itself before handing over. */
    static final int IN_PLACE_LIMIT = 128;

    /**
     * Sends a pure inner flow (no user code, never suspends by itself) from the producer, holding
     * the permit it took: for up to {@link #IN_PLACE_LIMIT} elements a coroutine of its own would
     * only have interleaved them with the others (a full channel makes the producer wait as it
     * would make that coroutine wait). The rest, if any, goes on in a coroutine like any inner
     * flow, so a long or endless pure flow holds up the upstream and the other inner flows for
     * no more than those elements.
     */
    private static <R> void sendInPlace(PureSource<? extends R> inner, SendChannel<R> out, ProducerScope<R> scope,
            Semaphore permits) {
        java.util.Iterator<? extends R> it = inner.iterator();
        boolean handedOver = false;
        try {
            for (int sent = 0; it.hasNext(); sent++) {
                if (sent == IN_PLACE_LIMIT) {
                    scope.launch(() -> {
                        try {
                            while (it.hasNext()) {
                                out.send(it.next());
                            }
                        } finally {
                            permits.release();
                        }
                    });
                    handedOver = true;
                    return;
                }
                out.send(it.next());
            }
        } finally {
            if (!handedOver) {
                permits.release();
            }
        }
    }

    /** Takes a permit, suspending while none is free; cancellable. */
    static void acquire(Semaphore permits) {
        if (permits.tryAcquire()) {
            return;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // a cancellation: keep the status set, as weft does
            Cancellation.check();
            throw new CancellationException("interrupted while waiting for a flatMapMerge permit");
        }
    }

    @Override
    protected ChannelFlow<R> create(@Nullable Dispatcher dispatcher, int capacity, BufferOverflow overflow) {
        return new FlatMapMerge<>(upstream, mapper, concurrency, dispatcher, capacity, overflow);
    }
}
