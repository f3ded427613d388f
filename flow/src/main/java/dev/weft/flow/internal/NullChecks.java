package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.FlowCollector;
import java.util.Objects;

/**
 * Enforces "null is never a flow element" (Reactive Streams §2.13, DESIGN §3) at the emit site of
 * flows weft did not write. weft's own flows never emit null ({@code flow{}}, channels and the
 * bridge check it where the element enters), so operators trust them and pay nothing; a flow
 * implemented by the application (a lambda or a class of its own) is wrapped once, when an
 * operator is applied to it, so that its {@code emit(null)} fails at once with a clear
 * {@link NullPointerException} instead of reaching a mapper, a combiner or a time window.
 */
public final class NullChecks {
    private static final String NULL_ELEMENT = Terminals.NULL_ELEMENT;

    private NullChecks() {
    }

    /**
     * Returns {@code flow} itself if weft wrote it, else a flow that rejects null elements.
     *
     * @param flow the upstream of an operator
     * @param <T> the element type
     * @return a flow that never emits null downstream
     */
    public static <T> Flow<T> upstream(Flow<T> flow) {
        if (flow instanceof Checked<T> || isWeft(flow.getClass())) {
            return flow;
        }
        return new Checked<>(flow);
    }

    private static boolean isWeft(Class<?> type) {
        String pkg = type.getPackageName();
        return pkg.equals("dev.weft.flow.internal") || pkg.equals("dev.weft.flow.reactive.internal");
    }

    private record Checked<T>(Flow<T> source) implements Flow<T> {
        @Override
        public void collect(FlowCollector<? super T> collector) throws Exception {
            source.collect(v -> collector.emit(Objects.requireNonNull(v, NULL_ELEMENT)));
        }
    }
}
