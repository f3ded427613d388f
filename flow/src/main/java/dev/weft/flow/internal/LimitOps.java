package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingPredicate;
import dev.weft.flow.function.WhileTransformer;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The operators that stop the upstream early or skip its head. Stopping is an
 * {@link AbortFlowException} thrown from the collector and caught, by owner, around the upstream's
 * {@code collect}: the upstream unwinds at once (its {@code finally} blocks run, its boundaries
 * cancel their producers) and produces nothing more.
 */
public final class LimitOps {
    private LimitOps() {
    }

    public static <T> Flow<T> take(Flow<T> upstream, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("take count must not be negative: " + count);
        }
        if (count == 0) {
            return Builders.empty();
        }
        return collector -> {
            Take<T> take = new Take<>(collector, count);
            try {
                upstream.collect(take);
            } catch (CancellationException e) {
                AbortFlowException.checkOwnership(e, take);
            }
        };
    }

    private static final class Take<T> implements FlowCollector<T> {
        private final FlowCollector<? super T> downstream;
        private long remaining;

        Take(FlowCollector<? super T> downstream, long count) {
            this.downstream = downstream;
            this.remaining = count;
        }

        @Override
        public void emit(T value) throws Exception {
            if (--remaining > 0) {
                downstream.emit(value);
                return;
            }
            if (remaining == 0) {
                downstream.emit(value);
            }
            // the n-th element is out (or an upstream ignored the first abort): stop the upstream
            throw new AbortFlowException(this);
        }
    }

    public static <T> Flow<T> takeWhile(Flow<T> upstream, ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return collector -> {
            FlowCollector<T> gate = new FlowCollector<>() {
                @Override
                public void emit(T value) throws Exception {
                    if (!predicate.test(value)) {
                        throw new AbortFlowException(this);
                    }
                    collector.emit(value);
                }
            };
            try {
                upstream.collect(gate);
            } catch (CancellationException e) {
                AbortFlowException.checkOwnership(e, gate);
            }
        };
    }

    public static <T, R> Flow<R> transformWhile(Flow<T> upstream, WhileTransformer<? super T, R> transformer) {
        Objects.requireNonNull(transformer, "transformer");
        return collector -> {
            SafeCollector<R> out = new SafeCollector<>(collector, "transformWhile");
            FlowCollector<T> gate = new FlowCollector<>() {
                @Override
                public void emit(T value) throws Exception {
                    if (!transformer.apply(value, out)) {
                        throw new AbortFlowException(this);
                    }
                }
            };
            try {
                upstream.collect(gate);
            } catch (CancellationException e) {
                out.completeExceptionally(e);
                AbortFlowException.checkOwnership(e, gate);
                return;
            } catch (Throwable t) {
                out.completeExceptionally(t);
                throw t;
            }
            out.completeNormally();
        };
    }

    public static <T> Flow<T> drop(Flow<T> upstream, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("drop count must not be negative: " + count);
        }
        if (count == 0) {
            return upstream;
        }
        return collector -> upstream.collect(new FlowCollector<T>() {
            private long toSkip = count;

            @Override
            public void emit(T value) throws Exception {
                if (toSkip > 0) {
                    toSkip--;
                } else {
                    collector.emit(value);
                }
            }
        });
    }

    public static <T> Flow<T> dropWhile(Flow<T> upstream, ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return collector -> upstream.collect(new FlowCollector<T>() {
            private boolean passing;

            @Override
            public void emit(T value) throws Exception {
                if (passing) {
                    collector.emit(value);
                } else if (!predicate.test(value)) {
                    passing = true;
                    collector.emit(value);
                }
            }
        });
    }
}
