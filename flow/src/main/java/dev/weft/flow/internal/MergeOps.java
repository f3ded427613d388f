package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.function.ThrowingConsumer;
import dev.weft.flow.function.ThrowingFunction;
import dev.weft.flow.function.Transformer;
import java.util.List;

/** Entry points of the concurrent flattening and merging operators (each in a class of its own). */
public final class MergeOps {
    private MergeOps() {
    }

    public static <T> Flow<T> merge(List<? extends Flow<? extends T>> flows) {
        return MergeFlow.merge(flows);
    }

    public static <T, R> Flow<R> flatMapMerge(Flow<T> upstream, int concurrency,
            ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return FlatMapMerge.flatMapMerge(upstream, concurrency, mapper);
    }

    public static <T> Flow<T> flattenMerge(Flow<? extends Flow<? extends T>> flows, int concurrency) {
        return FlatMapMerge.flattenMerge(flows, concurrency);
    }

    public static <T, R> Flow<R> transformLatest(Flow<T> upstream, Transformer<? super T, R> transformer) {
        return TransformLatest.transformLatest(upstream, transformer);
    }

    public static <T, R> Flow<R> mapLatest(Flow<T> upstream, ThrowingFunction<? super T, ? extends R> mapper) {
        return TransformLatest.mapLatest(upstream, mapper);
    }

    public static <T, R> Flow<R> flatMapLatest(Flow<T> upstream,
            ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        return TransformLatest.flatMapLatest(upstream, mapper);
    }

    public static <T> void collectLatest(Flow<T> upstream, ThrowingConsumer<? super T> action) {
        TransformLatest.collectLatest(upstream, action);
    }
}
