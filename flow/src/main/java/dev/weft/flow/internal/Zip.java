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
 * for the next of the second; the flow ends when either ends, and the other is cancelled.
 */
public final class Zip {
    private Zip() {
    }

    public static <A, B, R> Flow<R> zip(Flow<A> first, Flow<B> second,
            ThrowingBiFunction<? super A, ? super B, ? extends R> combiner) {
        Objects.requireNonNull(second, "other");
        Objects.requireNonNull(combiner, "combiner");
        return collector -> {
            Throwable[] failure = new Throwable[1];
            Coroutines.coroutineScope(scope -> {
                ChannelFlow<B> boundary = second instanceof ChannelFlow<B> cf ? cf
                        : new ChannelFlowOperator<>(second, null, Channel.BUFFERED, BufferOverflow.SUSPEND);
                Receiver<B> receiver = boundary.openReceiver(scope);
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
            if (failure[0] != null) {
                throw Throwables.asException(failure[0]);
            }
        };
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
