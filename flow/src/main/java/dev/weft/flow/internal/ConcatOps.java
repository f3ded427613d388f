package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.function.ThrowingFunction;
import java.util.Objects;

/** Sequential flattening: each inner flow is collected to its end, in the collecting coroutine. */
public final class ConcatOps {
    private ConcatOps() {
    }

    public static <T, R> Flow<R> flatMapConcat(Flow<T> upstream,
            ThrowingFunction<? super T, ? extends Flow<? extends R>> mapper) {
        Objects.requireNonNull(mapper, "mapper");
        return collector -> upstream.collect(v ->
                NullChecks.upstream(Objects.<Flow<? extends R>>requireNonNull(mapper.apply(v), "mapper returned a null flow"))
                        .collect(collector));
    }

    public static <T> Flow<T> flattenConcat(Flow<? extends Flow<? extends T>> flows) {
        Objects.requireNonNull(flows, "flows");
        return collector -> flows.collect(inner ->
                NullChecks.upstream(Objects.<Flow<? extends T>>requireNonNull(inner, "the flow of flows emitted null"))
                        .collect(collector));
    }
}
