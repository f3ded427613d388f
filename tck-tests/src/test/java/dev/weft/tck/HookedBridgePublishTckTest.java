package dev.weft.tck;

import dev.weft.core.CoroutineContext;
import dev.weft.core.CoroutineName;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.flow.reactive.ReactiveBridge;
import org.reactivestreams.Publisher;
import org.reactivestreams.tck.flow.support.TestException;

/**
 * {@code ReactiveBridge.publish} with an adapter's hooks plugged in (a per-subscription context and
 * a dropped-error handler), the path {@code flux{}}/{@code rxFlowable{}} take: the hooks must not
 * bend a rule. Each element is read from the subscription's context, so the hook is exercised.
 */
public class HookedBridgePublishTckTest extends WeftPublisherTck<Long> {
    private static final ReactiveBridge BRIDGE = ReactiveBridge.standard()
            .withSubscriberContext(s -> CoroutineName.of("subscriber-" + System.identityHashCode(s)))
            .withDroppedErrors((e, ctx) -> { });

    @Override
    public Publisher<Long> createPublisher(long elements) {
        return BRIDGE.publish(Dispatchers.DEFAULT, scope -> {
            CoroutineName name = Coroutines.currentContext().get(CoroutineName.KEY);
            if (name == null || !name.name().startsWith("subscriber-")) {
                throw new AssertionError("the subscriber's context is missing");
            }
            for (long i = 0; i < elements; i++) {
                scope.send(i);
            }
        });
    }

    @Override
    public Publisher<Long> createFailedPublisher() {
        return BRIDGE.publish(CoroutineContext.empty(), scope -> {
            throw new TestException();
        });
    }
}
