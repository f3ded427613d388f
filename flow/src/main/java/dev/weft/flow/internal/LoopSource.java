package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.ThrowingPredicate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A synchronous source whose own loop can run the element-wise stage that follows it: a
 * {@code map}, a {@code filter}/{@code filterNot}, or a {@code map} then a filter. {@code map} and
 * {@code filter} check for this interface when they are collected and hand their functions to
 * {@link #collectThrough} instead of wrapping the collector.
 *
 * <p>Why: in a chain of wrapping collectors the functions are fields of collector objects, which
 * the JIT reloads and type-checks at every element (an allocation's slow path in the loop, such as
 * the boxing of a fold's accumulator, is a call that may change memory). Held in locals of the
 * source's loop they are loaded and checked once per collection, and each element makes one
 * collector call less. The stage keeps its semantics exactly: same order of calls, a null
 * {@code mapper} result fails with the same {@link NullPointerException}, failures of the functions
 * and of the collector propagate unchanged, and the source's own cancellation checks still run.
 *
 * <p>Implemented by {@code Flow.range}, and by {@code asFlow} of a Publisher, whose polling loop
 * (an adapter's synchronously fused source) runs the stage the same way.
 *
 * @param <T> the element type of the source
 */
public interface LoopSource<T> extends Flow<T> {
    /**
     * Collects this source through a stage: each element {@code v} becomes
     * {@code r = mapper.apply(v)} (or {@code v} itself if {@code mapper} is null), rejected with
     * {@link TransformOps#MAPPER_NULL} if null, and reaches {@code collector} if {@code predicate}
     * is null or {@code predicate.test(r) == keep}.
     *
     * @param mapper the map function, or null for none
     * @param predicate the filter, or null for none
     * @param keep true to keep the elements that match {@code predicate} ({@code filter}), false to
     *     drop them ({@code filterNot})
     * @param collector the downstream collector
     * @param <R> the element type after the stage
     * @throws Exception the failure of a function, of the collector, or a cancellation
     */
    <R> void collectThrough(@Nullable ThrowingFunction<? super T, ? extends R> mapper,
            @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector)
            throws Exception;

    /**
     * Returns the collector the stage makes of {@code collector}, for a source that cannot run the
     * stage in its own loop (or not on every path): the same calls in the same order.
     *
     * @param mapper the map function, or null for none
     * @param predicate the filter, or null for none
     * @param keep as for {@link #collectThrough}
     * @param collector the downstream collector
     * @param <T> the element type of the source
     * @param <R> the element type after the stage
     * @return a collector of the source's elements
     */
    @SuppressWarnings("unchecked") // without a mapper, R is T
    static <T, R> FlowCollector<T> stage(@Nullable ThrowingFunction<? super T, ? extends R> mapper,
            @Nullable ThrowingPredicate<? super R> predicate, boolean keep, FlowCollector<? super R> collector) {
        if (mapper == null) {
            if (predicate == null) {
                return (FlowCollector<T>) collector;
            }
            return v -> {
                if (predicate.test((R) v) == keep) {
                    collector.emit((R) v);
                }
            };
        }
        if (predicate == null) {
            return v -> collector.emit(Objects.requireNonNull(mapper.apply(v), TransformOps.MAPPER_NULL));
        }
        return v -> {
            R r = Objects.requireNonNull(mapper.apply(v), TransformOps.MAPPER_NULL);
            if (predicate.test(r) == keep) {
                collector.emit(r);
            }
        };
    }
}
