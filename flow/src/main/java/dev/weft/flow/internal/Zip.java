package dev.weft.flow.internal;

import dev.weft.core.Coroutines;
import dev.weft.core.channels.BufferOverflow;
import dev.weft.core.channels.Channel;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingBiFunction;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * {@code zip}: the first flow is collected on the collecting coroutine, the second by a producer
 * coroutine through a {@link Channel#BUFFERED} boundary (or through its own boundary if it has
 * one: {@code other.buffer(0)} makes it a lockstep rendezvous). Each element of the first waits
 * for the next of the second; the flow ends when either ends, and the other is cancelled. A
 * second flow that is a {@link PureSource} ({@code of}, {@code range}, {@code empty}) is pulled
 * by the first flow's collector instead, with no coroutine.
 */
public final class Zip {
    private Zip() {
    }

    public static <A, B, R> Flow<R> zip(Flow<A> first, Flow<B> second,
            ThrowingBiFunction<? super A, ? super B, ? extends R> combiner) {
        Objects.requireNonNull(second, "other");
        Objects.requireNonNull(combiner, "combiner");
        if (second instanceof PureSource<B> pure) {
            return collector -> zipPulling(first, pure, combiner, collector);
        }
        return collector -> {
            Throwable[] failure = new Throwable[1];
            Object[] opened = new Object[1];
            try {
                zipThroughReceiver(first, second, combiner, collector, failure, opened);
            } catch (CancellationException e) {
                // the collecting coroutine itself was cancelled; the scope has joined the producer
                if (failure[0] == null) {
                    failure[0] = e;
                }
            }
            Throwable f = failure[0];
            if (opened[0] instanceof Receiver<?> receiver) {
                // the second flow's cleanup failure, raised after it was told to stop (the zip
                // ended first or was cancelled), is not lost, as at a buffer
                f = Throwables.withCleanupFailure(f, receiver.cleanupFailure());
            }
            if (f != null) {
                throw Throwables.asException(f);
            }
        };
    }

    private static <A, B, R> void zipThroughReceiver(Flow<A> first, Flow<B> second,
            ThrowingBiFunction<? super A, ? super B, ? extends R> combiner, FlowCollector<? super R> collector,
            Throwable[] failure, Object[] opened) throws Exception {
        Coroutines.coroutineScope(scope -> {
            ChannelFlow<B> boundary = second instanceof ChannelFlow<B> cf ? cf
                    : new ChannelFlowOperator<>(second, null, Channel.BUFFERED, BufferOverflow.SUSPEND);
            Receiver<B> receiver = boundary.openReceiver(scope);
            opened[0] = receiver;
            Zipper<A, B, R> zipper = new Zipper<>(receiver, combiner, collector);
            try {
                first.collect(zipper);
            } catch (CancellationException e) {
                if (!AbortFlowException.isOwnedBy(e, zipper)) {
                    failure[0] = e;
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
     * The zip of a {@link PureSource} second flow: it runs no user code and never suspends, so
     * the first flow's collector pulls its elements itself, with no producer coroutine.
     */
    private static <A, B, R> void zipPulling(Flow<A> first, PureSource<B> second,
            ThrowingBiFunction<? super A, ? super B, ? extends R> combiner, FlowCollector<? super R> collector)
            throws Exception {
        java.util.Iterator<B> it = second.iterator();
        Object owner = new Object();
        try {
            first.collect(value -> {
                if (!it.hasNext()) {
                    throw new AbortFlowException(owner); // the second flow ended: so does the zip
                }
                collector.emit(Objects.requireNonNull(combiner.apply(value, it.next()),
                        "combiner returned null: flow elements must not be null"));
            });
        } catch (CancellationException e) {
            if (!AbortFlowException.isOwnedBy(e, owner)) {
                throw e;
            }
        }
    }

    private static final class Zipper<A, B, R> implements FlowCollector<A> {
        private final Receiver<B> second;
        private final ThrowingBiFunction<? super A, ? super B, ? extends R> combiner;
        private final FlowCollector<? super R> downstream;

        Zipper(Receiver<B> second, ThrowingBiFunction<? super A, ? super B, ? extends R> combiner,
               FlowCollector<? super R> downstream) {
            this.second = second;
            this.combiner = combiner;
            this.downstream = downstream;
        }

        @Override
        public void emit(A value) throws Exception {
            Object other = second.take();
            if (other == Receiver.END) {
                throw new AbortFlowException(this); // the second flow ended: so does the zip
            }
            @SuppressWarnings("unchecked")
            B b = (B) other;
            downstream.emit(Objects.requireNonNull(combiner.apply(value, b),
                    "combiner returned null: flow elements must not be null"));
        }
    }
}
