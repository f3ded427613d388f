package dev.weft.reactor.internal;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.util.concurrent.Callable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** The calls into {@code io.micrometer:context-propagation}; loaded only when it is present. */
final class MicrometerBridge {
    private static final ContextSnapshotFactory FACTORY = ContextSnapshotFactory.builder()
            .contextRegistry(ContextRegistry.getInstance()).clearMissing(false).build();

    private MicrometerBridge() {
    }

    static Context capture(Context context) {
        return FACTORY.captureAll().updateContext(context);
    }

    static <T> T restoring(ContextView view, Callable<T> block) throws Exception {
        ContextSnapshot.Scope scope = FACTORY.setThreadLocalsFrom(view);
        try {
            return block.call();
        } finally {
            scope.close(); // restores the previous values: nested scopes unwind in order
        }
    }
}
