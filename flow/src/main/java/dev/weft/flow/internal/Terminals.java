package dev.weft.flow.internal;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Job;
import dev.weft.core.internal.Exceptions;
import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.IndexedConsumer;
import dev.weft.flow.function.ThrowingBiFunction;
import dev.weft.flow.function.ThrowingConsumer;
import dev.weft.flow.function.ThrowingPredicate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The terminal operators. Each runs the flow on the calling coroutine and rethrows its failure by
 * weft's convention: unchecked exceptions and errors as they are, checked ones wrapped in
 * {@link java.util.concurrent.CompletionException}. Those that need only part of the flow stop it
 * with an {@link AbortFlowException}.
 */
public final class Terminals {
    static final String NULL_ELEMENT = "the flow emitted null: flow elements must not be null";

    private Terminals() {
    }

    /** Runs {@code flow} into {@code collector}; an abort owned by {@code collector} ends it normally. */
    private static <T> void run(Flow<T> flow, FlowCollector<? super T> collector) {
        try {
            flow.collect(collector);
        } catch (CancellationException e) {
            AbortFlowException.checkOwnership(e, collector);
        } catch (Exception e) {
            throw Exceptions.rethrow(e);
        }
    }

    public static <T> void forEach(Flow<T> flow, ThrowingConsumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        run(flow, v -> action.accept(Objects.requireNonNull(v, NULL_ELEMENT)));
    }

    public static <T> void collectIndexed(Flow<T> flow, IndexedConsumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        run(flow, new FlowCollector<T>() {
            private long index;

            @Override
            public void emit(T value) throws Exception {
                action.accept(index++, Objects.requireNonNull(value, NULL_ELEMENT));
            }
        });
    }

    public static <T> Job launchIn(Flow<T> flow, CoroutineScope scope) {
        Objects.requireNonNull(scope, "scope");
        return scope.launch(() -> flow.collect(v -> { }));
    }

    // ---------------------------------------------------------------- collections

    public static <T> List<T> toList(Flow<T> flow) {
        return Collections.unmodifiableList(toCollection(flow, new ArrayList<>()));
    }

    public static <T> Set<T> toSet(Flow<T> flow) {
        return Collections.unmodifiableSet(toCollection(flow, new LinkedHashSet<>()));
    }

    public static <T, C extends Collection<? super T>> C toCollection(Flow<T> flow, C destination) {
        Objects.requireNonNull(destination, "destination");
        run(flow, v -> destination.add(Objects.requireNonNull(v, NULL_ELEMENT)));
        return destination;
    }

    // ---------------------------------------------------------------- single elements

    /** Collector that keeps one element and, if {@code stopAtFirst}, stops the flow there. */
    private static final class Pick<T> implements FlowCollector<T> {
        private final @Nullable ThrowingPredicate<? super T> predicate;
        private final boolean stopAtFirst;
        @Nullable T value;

        Pick(@Nullable ThrowingPredicate<? super T> predicate, boolean stopAtFirst) {
            this.predicate = predicate;
            this.stopAtFirst = stopAtFirst;
        }

        @Override
        public void emit(T v) throws Exception {
            Objects.requireNonNull(v, NULL_ELEMENT);
            if (predicate == null || predicate.test(v)) {
                value = v;
                if (stopAtFirst) {
                    throw new AbortFlowException(this);
                }
            }
        }
    }

    public static <T> @Nullable T firstOrNull(Flow<T> flow, @Nullable ThrowingPredicate<? super T> predicate) {
        Pick<T> pick = new Pick<>(predicate, true);
        run(flow, pick);
        return pick.value;
    }

    public static <T> T first(Flow<T> flow, @Nullable ThrowingPredicate<? super T> predicate) {
        T v = firstOrNull(flow, predicate);
        if (v == null) {
            throw new NoSuchElementException(predicate == null ? "the flow was empty"
                    : "no element of the flow matched the predicate");
        }
        return v;
    }

    public static <T> @Nullable T lastOrNull(Flow<T> flow) {
        Pick<T> pick = new Pick<>(null, false);
        run(flow, pick);
        return pick.value;
    }

    public static <T> T last(Flow<T> flow) {
        T v = lastOrNull(flow);
        if (v == null) {
            throw new NoSuchElementException("the flow was empty");
        }
        return v;
    }

    public static <T> T single(Flow<T> flow) {
        Single<T> c = new Single<>(true);
        run(flow, c);
        T v = c.value;
        if (v == null) {
            throw new NoSuchElementException("the flow was empty");
        }
        return v;
    }

    public static <T> @Nullable T singleOrNull(Flow<T> flow) {
        Single<T> c = new Single<>(false);
        run(flow, c);
        return c.many ? null : c.value;
    }

    /** Keeps the only element; on a second one, fails ({@code single}) or stops ({@code singleOrNull}). */
    private static final class Single<T> implements FlowCollector<T> {
        private final boolean strict;
        @Nullable T value;
        boolean many;

        Single(boolean strict) {
            this.strict = strict;
        }

        @Override
        public void emit(T v) {
            Objects.requireNonNull(v, NULL_ELEMENT);
            if (value == null) {
                value = v;
                return;
            }
            if (strict) {
                throw new IllegalArgumentException("the flow has more than one element");
            }
            many = true;
            throw new AbortFlowException(this);
        }
    }

    // ---------------------------------------------------------------- reductions

    public static <T> T reduce(Flow<T> flow, ThrowingBiFunction<? super T, ? super T, ? extends T> operation) {
        Objects.requireNonNull(operation, "operation");
        Reducer<T> r = new Reducer<>(operation);
        run(flow, r);
        T acc = r.acc;
        if (acc == null) {
            throw new NoSuchElementException("the flow was empty: nothing to reduce");
        }
        return acc;
    }

    private static final class Reducer<T> implements FlowCollector<T> {
        private final ThrowingBiFunction<? super T, ? super T, ? extends T> operation;
        @Nullable T acc;

        Reducer(ThrowingBiFunction<? super T, ? super T, ? extends T> operation) {
            this.operation = operation;
        }

        @Override
        public void emit(T value) throws Exception {
            Objects.requireNonNull(value, NULL_ELEMENT);
            T a = acc;
            acc = a == null ? value : Objects.requireNonNull(operation.apply(a, value), "operation returned null");
        }
    }

    public static <T, R> R fold(Flow<T> flow, R initial, ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(operation, "operation");
        Folder<T, R> f = new Folder<>(initial, operation);
        run(flow, f);
        return f.acc;
    }

    private static final class Folder<T, R> implements FlowCollector<T> {
        private final ThrowingBiFunction<? super R, ? super T, ? extends R> operation;
        R acc;

        Folder(R initial, ThrowingBiFunction<? super R, ? super T, ? extends R> operation) {
            this.acc = initial;
            this.operation = operation;
        }

        @Override
        public void emit(T value) throws Exception {
            acc = Objects.requireNonNull(operation.apply(acc, Objects.requireNonNull(value, NULL_ELEMENT)),
                    "operation returned null");
        }
    }

    public static <T> long count(Flow<T> flow, @Nullable ThrowingPredicate<? super T> predicate) {
        long[] n = {0};
        if (predicate == null) {
            run(flow, v -> {
                Objects.requireNonNull(v, NULL_ELEMENT);
                n[0]++;
            });
        } else {
            run(flow, v -> {
                if (predicate.test(Objects.requireNonNull(v, NULL_ELEMENT))) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /**
     * Tells whether some element's predicate result equals {@code stopOn}, stopping the flow at
     * the first: {@code any} is {@code matches(p, true)}, {@code all} is {@code !matches(p, false)}.
     */
    public static <T> boolean matches(Flow<T> flow, ThrowingPredicate<? super T> predicate, boolean stopOn) {
        Objects.requireNonNull(predicate, "predicate");
        Matcher<T> m = new Matcher<>(predicate, stopOn);
        run(flow, m);
        return m.stopped;
    }

    private static final class Matcher<T> implements FlowCollector<T> {
        private final ThrowingPredicate<? super T> predicate;
        private final boolean stopOn;
        boolean stopped;

        Matcher(ThrowingPredicate<? super T> predicate, boolean stopOn) {
            this.predicate = predicate;
            this.stopOn = stopOn;
        }

        @Override
        public void emit(T value) throws Exception {
            if (predicate.test(Objects.requireNonNull(value, NULL_ELEMENT)) == stopOn) {
                stopped = true;
                throw new AbortFlowException(this);
            }
        }
    }
}
