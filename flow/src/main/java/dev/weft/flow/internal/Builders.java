package dev.weft.flow.internal;

import dev.weft.core.internal.Cancellation;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowBlock;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingPredicate;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The synchronous flow builders behind the static factories of {@link Flow}. */
public final class Builders {
    private Builders() {
    }

    // ---------------------------------------------------------------- flow{}

    public static <T> Flow<T> flow(FlowBlock<T> block) {
        Objects.requireNonNull(block, "block");
        return new BlockFlow<>(block);
    }

    private record BlockFlow<T>(FlowBlock<T> block) implements CancellableFlow<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            new SafeCollector<T>(collector, "flow{}").run(block);
        }
    }

    // ---------------------------------------------------------------- fixed values

    private static final Flow<Object> EMPTY = new Empty();

    private static final class Empty implements PureSource<Object> {
        @Override
        public void collect(FlowCollector<? super Object> collector) {
        }

        @Override
        public Iterator<Object> iterator() {
            return java.util.Collections.emptyIterator();
        }

        @Override
        public String toString() {
            return "Flow.empty()";
        }
    }

    @SuppressWarnings("unchecked")
    public static <T> Flow<T> empty() {
        return (Flow<T>) EMPTY;
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is copied, never exposed
    public static <T> Flow<T> of(T... values) {
        Objects.requireNonNull(values, "values");
        T[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] == null) {
                throw new NullPointerException("values[" + i + "] is null: flow elements must not be null");
            }
        }
        if (copy.length == 0) {
            return empty();
        }
        if (copy.length == 1) {
            return new Single<>(copy[0]);
        }
        return new ArrayFlow<>(copy);
    }

    public static <T> Flow<T> just(T value) {
        return new Single<>(value);
    }

    private record Single<T>(T value) implements PureSource<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            collector.emit(value);
        }

        @Override
        public Iterator<T> iterator() {
            return java.util.List.of(value).iterator();
        }
    }

    private static final class ArrayFlow<T> implements PureSource<T> {
        private final T[] values;

        ArrayFlow(T[] values) {
            this.values = values;
        }

        /** As {@code range}: chunks of {@link RangeFlow#CHECK_INTERVAL}, a cancellation check between them. */
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            T[] vs = values;
            int i = 0;
            while (i < vs.length) {
                if (i != 0) {
                    Cancellation.check();
                }
                for (int stop = Math.min(vs.length, i + RangeFlow.CHECK_INTERVAL); i < stop; i++) {
                    collector.emit(vs[i]);
                }
            }
        }

        @Override
        public Iterator<T> iterator() {
            return java.util.Collections.unmodifiableList(java.util.Arrays.asList(values)).iterator();
        }
    }

    public static Flow<Integer> range(int start, int endExclusive) {
        if (endExclusive < start) {
            throw new IllegalArgumentException("range end " + endExclusive + " is before its start " + start);
        }
        return new RangeFlow(start, endExclusive);
    }

    /**
     * The elements of {@code Flow.range}. Its loops run in chunks of {@link #CHECK_INTERVAL}
     * elements and check for cancellation between chunks: a long range stops within that many
     * elements once the collecting coroutine is cancelled, at the cost of one check per chunk
     * instead of one per element; a range no longer than a chunk never checks.
     */
    private record RangeFlow(int start, int end) implements LoopSource<Integer>, PureSource<Integer> {
        static final int CHECK_INTERVAL = 1024;

        /** Checks for cancellation (except before the first chunk) and returns where the next chunk ends. */
        private int chunkEnd(int i) {
            if (i != start) {
                Cancellation.check();
            }
            return (long) end - i > CHECK_INTERVAL ? i + CHECK_INTERVAL : end;
        }

        @Override
        public void collect(FlowCollector<? super Integer> collector) throws Exception {
            int i = start;
            while (i < end) {
                for (int stop = chunkEnd(i); i < stop; i++) {
                    collector.emit(i);
                }
            }
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next = start;

                @Override
                public boolean hasNext() {
                    return next < end;
                }

                @Override
                public Integer next() {
                    if (next >= end) {
                        throw new java.util.NoSuchElementException();
                    }
                    return next++;
                }
            };
        }

        @Override
        @SuppressWarnings("unchecked") // without a mapper, R is Integer
        public <R> void collectThrough(@Nullable ThrowingFunction<? super Integer, ? extends R> mapper,
                @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector)
                throws Exception {
            int i = start;
            if (mapper == null) {
                if (predicate == null) {
                    collect((FlowCollector<? super Integer>) collector);
                    return;
                }
                while (i < end) {
                    for (int stop = chunkEnd(i); i < stop; i++) {
                        R v = (R) Integer.valueOf(i);
                        if (predicate.test(v) == keep) {
                            collector.emit(v);
                        }
                    }
                }
            } else if (predicate == null) {
                while (i < end) {
                    for (int stop = chunkEnd(i); i < stop; i++) {
                        collector.emit(Objects.requireNonNull(mapper.apply(i), TransformOps.MAPPER_NULL));
                    }
                }
            } else {
                while (i < end) {
                    for (int stop = chunkEnd(i); i < stop; i++) {
                        R r = Objects.requireNonNull(mapper.apply(i), TransformOps.MAPPER_NULL);
                        if (predicate.test(r) == keep) {
                            collector.emit(r);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- from sources

    public static <T> Flow<T> fromIterable(Iterable<? extends T> iterable) {
        Objects.requireNonNull(iterable, "iterable");
        return new IterableFlow<>(iterable);
    }

    private record IterableFlow<T>(Iterable<? extends T> iterable) implements Flow<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            emitAll(iterable.iterator(), collector, "iterable");
        }
    }

    private static <T> void emitAll(Iterator<? extends T> it, FlowCollector<? super T> collector, String what)
            throws Exception {
        while (it.hasNext()) {
            T v = it.next();
            if (v == null) {
                throw new NullPointerException(what + " returned a null element: flow elements must not be null");
            }
            collector.emit(v);
        }
    }

    public static <T> Flow<T> fromIterator(Iterator<? extends T> iterator) {
        Objects.requireNonNull(iterator, "iterator");
        AtomicBoolean used = new AtomicBoolean();
        return collector -> {
            once(used, "fromIterator");
            emitAll(iterator, collector, "iterator");
        };
    }

    public static <T> Flow<T> fromStream(Stream<? extends T> stream) {
        Objects.requireNonNull(stream, "stream");
        AtomicBoolean used = new AtomicBoolean();
        return collector -> {
            once(used, "fromStream");
            try (Stream<? extends T> s = stream) {
                emitAll(s.iterator(), collector, "stream");
            }
        };
    }

    private static void once(AtomicBoolean used, String builder) {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a flow made by " + builder + " can be collected only once; wrap it in"
                    + " Flow.defer(() -> Flow." + builder + "(...)) to make a new source per collection");
        }
    }

    public static <T> Flow<T> fromSupplier(Callable<? extends T> supplier) {
        Objects.requireNonNull(supplier, "supplier");
        return collector -> collector.emit(Objects.requireNonNull(supplier.call(),
                "supplier returned null: flow elements must not be null"));
    }

    public static <T> Flow<T> defer(Callable<? extends Flow<? extends T>> factory) {
        Objects.requireNonNull(factory, "factory");
        return collector -> Objects.requireNonNull(factory.call(), "factory returned null").collect(collector);
    }

    public static <T> Flow<T> error(Throwable error) {
        Objects.requireNonNull(error, "error");
        return collector -> {
            throw Throwables.asException(error);
        };
    }

    // ---------------------------------------------------------------- CompletionStage

    public static <T> Flow<T> fromCompletionStage(CompletionStage<? extends T> stage) {
        Objects.requireNonNull(stage, "stage");
        return collector -> {
            T v = await(stage);
            if (v != null) {
                collector.emit(v);
            }
        };
    }

    /**
     * Suspends the calling coroutine until {@code stage} completes; cancellable (the stage itself
     * is not cancelled: it may be shared by other collections).
     */
    static <T> @Nullable T await(CompletionStage<? extends T> stage) throws Exception {
        StageWaiter<T> w = new StageWaiter<>();
        stage.whenComplete(w);
        while (!w.done) {
            Cancellation.check();
            LockSupport.park(w);
        }
        Throwable e = w.error;
        if (e != null) {
            if (e instanceof CompletionException && e.getCause() != null) {
                e = e.getCause();
            }
            throw Throwables.asException(e);
        }
        return w.value;
    }

    private static final class StageWaiter<T> implements java.util.function.BiConsumer<T, Throwable> {
        private final Thread waiter = Thread.currentThread();
        volatile boolean done;
        @Nullable T value;
        @Nullable Throwable error;

        @Override
        public void accept(@Nullable T v, @Nullable Throwable e) {
            value = v;
            error = e;
            done = true;
            LockSupport.unpark(waiter);
        }
    }
}
