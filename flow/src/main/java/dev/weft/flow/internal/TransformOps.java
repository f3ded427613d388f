package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.IndexedValue;
import dev.weft.flow.function.ThrowingBiFunction;
import dev.weft.flow.function.ThrowingBiPredicate;
import dev.weft.flow.function.ThrowingConsumer;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingPredicate;
import dev.weft.flow.function.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The element-wise synchronous operators: each is a plain wrapper whose collector calls the user's
 * function and then the downstream collector, on the collecting thread; no queue, no allocation per
 * element beyond what the user's function returns.
 */
public final class TransformOps {
    /** The message of a {@code map} whose function returned null. */
    public static final String MAPPER_NULL = "mapper returned null: flow elements must not be null";

    private TransformOps() {
    }

    // ---------------------------------------------------------------- map / filter family

    public static <T, R> Flow<R> map(Flow<T> upstream, ThrowingFunction<? super T, ? extends R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return new MapFlow<>(upstream, mapper);
    }

    private record MapFlow<T, R>(Flow<T> upstream, ThrowingFunction<? super T, ? extends R> mapper)
            implements Flow<R> {
        @Override
        public void collect(FlowCollector<? super R> collector) throws Exception {
            ThrowingFunction<? super T, ? extends R> f = mapper;
            if (upstream instanceof LoopSource<T> source) {
                source.collectThrough(f, null, true, collector);
                return;
            }
            upstream.collect(v -> collector.emit(Objects.requireNonNull(f.apply(v), MAPPER_NULL)));
        }
    }

    public static <T, R> Flow<R> mapNotNull(Flow<T> upstream,
            ThrowingFunction<? super T, ? extends @Nullable R> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return collector -> upstream.collect(v -> {
            R r = mapper.apply(v);
            if (r != null) {
                collector.emit(r);
            }
        });
    }

    public static <T> Flow<T> filter(Flow<T> upstream, ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return filter(upstream, predicate, true);
    }

    public static <T> Flow<T> filterNot(Flow<T> upstream, ThrowingPredicate<? super T> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return filter(upstream, predicate, false);
    }

    private static <T> Flow<T> filter(Flow<T> upstream, ThrowingPredicate<? super T> predicate, boolean keep) {
        if (upstream instanceof MapFlow<?, T> m) {
            return mapFilter(m, predicate, keep);
        }
        return new FilterFlow<>(upstream, predicate, keep);
    }

    /** map followed by filter: one collector doing both, one downstream call less per element. */
    private static <S, T> Flow<T> mapFilter(MapFlow<S, T> m, ThrowingPredicate<? super T> predicate, boolean keep) {
        return new MapFilterFlow<>(m.upstream, m.mapper, predicate, keep);
    }

    private record MapFilterFlow<S, T>(Flow<S> upstream, ThrowingFunction<? super S, ? extends T> mapper,
            ThrowingPredicate<? super T> predicate, boolean keep) implements Flow<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            ThrowingFunction<? super S, ? extends T> f = mapper;
            ThrowingPredicate<? super T> p = predicate;
            if (upstream instanceof LoopSource<S> source) {
                source.collectThrough(f, p, keep, collector);
                return;
            }
            if (keep) {
                upstream.collect(v -> {
                    T t = Objects.requireNonNull(f.apply(v), MAPPER_NULL);
                    if (p.test(t)) {
                        collector.emit(t);
                    }
                });
            } else {
                upstream.collect(v -> {
                    T t = Objects.requireNonNull(f.apply(v), MAPPER_NULL);
                    if (!p.test(t)) {
                        collector.emit(t);
                    }
                });
            }
        }
    }

    private record FilterFlow<T>(Flow<T> upstream, ThrowingPredicate<? super T> predicate, boolean keep)
            implements Flow<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            ThrowingPredicate<? super T> p = predicate;
            if (upstream instanceof LoopSource<T> source) {
                source.<T>collectThrough(null, p, keep, collector);
                return;
            }
            if (keep) {
                upstream.collect(v -> {
                    if (p.test(v)) {
                        collector.emit(v);
                    }
                });
            } else {
                upstream.collect(v -> {
                    if (!p.test(v)) {
                        collector.emit(v);
                    }
                });
            }
        }
    }

    public static <T, R> Flow<R> filterIsInstance(Flow<T> upstream, Class<R> type) {
        Objects.requireNonNull(type, "type");
        return collector -> upstream.collect(v -> {
            if (type.isInstance(v)) {
                collector.emit(type.cast(v));
            }
        });
    }

    public static <T> Flow<T> onEach(Flow<T> upstream, ThrowingConsumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        return collector -> upstream.collect(v -> {
            action.accept(v);
            collector.emit(v);
        });
    }

    public static <T, R> Flow<R> transform(Flow<T> upstream, Transformer<? super T, R> transformer) {
        Objects.requireNonNull(transformer, "transformer");
        return collector -> {
            SafeCollector<R> out = new SafeCollector<>(collector, "transform");
            try {
                upstream.collect(v -> transformer.apply(v, out));
            } catch (Throwable t) {
                out.completeExceptionally(t);
                throw t;
            }
            out.completeNormally();
        };
    }

    public static <T> Flow<T> cancellable(Flow<T> upstream) {
        if (upstream instanceof CancellableFlow<T>) {
            return upstream;
        }
        return (CancellableFlow<T>) collector -> upstream.collect(v -> {
            Cancellation.check();
            collector.emit(v);
        });
    }

    // ---------------------------------------------------------------- stateful, element-wise

    public static <T> Flow<IndexedValue<T>> withIndex(Flow<T> upstream) {
        return collector -> upstream.collect(new FlowCollector<T>() {
            private long index;

            @Override
            public void emit(T value) throws Exception {
                collector.emit(new IndexedValue<>(index++, value));
            }
        });
    }

    public static <T, R> Flow<R> runningFold(Flow<T> upstream, R initial,
            ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(operation, "operation");
        return collector -> {
            collector.emit(initial);
            upstream.collect(new FlowCollector<T>() {
                private R acc = initial;

                @Override
                public void emit(T value) throws Exception {
                    acc = Objects.requireNonNull(operation.apply(acc, value),
                            "operation returned null: flow elements must not be null");
                    collector.emit(acc);
                }
            });
        };
    }

    public static <T> Flow<T> runningReduce(Flow<T> upstream,
            ThrowingBiFunction<? super T, ? super T, ? extends T> operation) {
        Objects.requireNonNull(operation, "operation");
        return collector -> upstream.collect(new FlowCollector<T>() {
            private @Nullable T acc;

            @Override
            public void emit(T value) throws Exception {
                T a = acc;
                a = a == null ? value : Objects.requireNonNull(operation.apply(a, value),
                        "operation returned null: flow elements must not be null");
                acc = a;
                collector.emit(a);
            }
        });
    }

    public static <T> Flow<List<T>> chunked(Flow<T> upstream, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1: " + size);
        }
        return collector -> {
            Chunker<T> chunker = new Chunker<>(collector, size);
            upstream.collect(chunker);
            List<T> rest = chunker.chunk;
            if (rest != null) {
                collector.emit(rest);
            }
        };
    }

    private static final class Chunker<T> implements FlowCollector<T> {
        private final FlowCollector<? super List<T>> downstream;
        private final int size;
        @Nullable List<T> chunk;

        Chunker(FlowCollector<? super List<T>> downstream, int size) {
            this.downstream = downstream;
            this.size = size;
        }

        @Override
        public void emit(T value) throws Exception {
            List<T> c = chunk;
            if (c == null) {
                c = new ArrayList<>(Math.min(size, 256));
                chunk = c;
            }
            c.add(value);
            if (c.size() == size) {
                chunk = null;
                downstream.emit(c);
            }
        }
    }

    // ---------------------------------------------------------------- distinctUntilChanged

    public static <T> Flow<T> distinctUntilChanged(Flow<T> upstream) {
        return distinct(upstream, v -> v, Objects::equals);
    }

    public static <T, K> Flow<T> distinctUntilChangedBy(Flow<T> upstream,
            ThrowingFunction<? super T, ? extends K> keySelector) {
        Objects.requireNonNull(keySelector, "keySelector");
        return distinct(upstream, keySelector, Objects::equals);
    }

    public static <T> Flow<T> distinctUntilChanged(Flow<T> upstream,
            ThrowingBiPredicate<? super T, ? super T> areEquivalent) {
        Objects.requireNonNull(areEquivalent, "areEquivalent");
        return distinct(upstream, v -> v, areEquivalent);
    }

    private static final Object NONE = new Object();

    private static <T, K> Flow<T> distinct(Flow<T> upstream, ThrowingFunction<? super T, ? extends K> key,
            ThrowingBiPredicate<? super K, ? super K> same) {
        return collector -> upstream.collect(new FlowCollector<T>() {
            private Object previous = NONE;

            @Override
            @SuppressWarnings("unchecked")
            public void emit(T value) throws Exception {
                K k = key.apply(value);
                Object p = previous;
                if (p == NONE || !same.test((K) p, k)) {
                    previous = k;
                    collector.emit(value);
                }
            }
        });
    }
}
