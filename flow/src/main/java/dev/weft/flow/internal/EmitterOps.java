package dev.weft.flow.internal;

import dev.weft.flow.Flow;
import dev.weft.flow.FlowBlock;
import dev.weft.flow.FlowCollector;
import dev.weft.flow.function.CompletionAction;
import java.util.Objects;

/** {@code onStart}, {@code onCompletion}, {@code onEmpty}: user code around a collection. */
public final class EmitterOps {
    private EmitterOps() {
    }

    public static <T> Flow<T> onStart(Flow<T> upstream, FlowBlock<T> action) {
        Objects.requireNonNull(action, "action");
        return collector -> {
            new SafeCollector<T>(collector, "onStart").run(action);
            upstream.collect(collector);
        };
    }

    public static <T> Flow<T> onCompletion(Flow<T> upstream, CompletionAction<T> action) {
        Objects.requireNonNull(action, "action");
        CompletionAction<T> a = action;
        return collector -> {
            try {
                upstream.collect(collector);
            } catch (Throwable failure) {
                try {
                    a.onCompletion(failure, value -> {
                        throw Throwables.asException(failure);
                    });
                } catch (Throwable t) {
                    if (AbortFlowException.isAbort(failure)) {
                        // an early stop (take, first, ...) ends the flow normally: the stop is
                        // swallowed by its owner, so the action's failure must be what is thrown
                        throw t;
                    }
                    Throwables.addSuppressed(failure, t);
                }
                throw failure;
            }
            new SafeCollector<T>(collector, "onCompletion").run(out -> a.onCompletion(null, out));
        };
    }

    public static <T> Flow<T> onEmpty(Flow<T> upstream, FlowBlock<T> action) {
        Objects.requireNonNull(action, "action");
        FlowBlock<T> a = action;
        return collector -> {
            boolean[] empty = {true};
            upstream.collect(value -> {
                empty[0] = false;
                collector.emit(value);
            });
            if (empty[0]) {
                new SafeCollector<T>(collector, "onEmpty").run(a);
            }
        };
    }
}
