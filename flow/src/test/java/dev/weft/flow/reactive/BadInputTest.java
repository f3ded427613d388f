package dev.weft.flow.reactive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.flow.Flow;
import dev.weft.core.testkit.Fixtures;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/** Every public entry point rejects null arguments with a NullPointerException naming them. */
class BadInputTest {

    @Test
    void everyPublicMethodRejectsNullArguments() throws Exception {
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        ReactiveBridge hooked = ReactiveBridge.standard().withSubscriberContext(s -> CoroutineContext.empty())
                .withDroppedErrors((e, c) -> { });
        for (Class<?> api : List.of(ReactiveFlows.class, JdkReactiveFlows.class, ReactiveBridge.class)) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) {
                    continue;
                }
                Object target = Modifier.isStatic(m.getModifiers()) ? null : hooked;
                Class<?>[] types = m.getParameterTypes();
                for (int nullAt = 0; nullAt < types.length; nullAt++) {
                    if (types[nullAt].isPrimitive()) {
                        continue; // only references can be null
                    }
                    Object[] args = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        args[i] = i == nullAt ? null : sample(types[i]);
                    }
                    try {
                        m.invoke(target, args);
                        unchecked.add(m + " accepted null at " + nullAt);
                    } catch (InvocationTargetException e) {
                        if (!(e.getCause() instanceof NullPointerException npe) || npe.getMessage() == null) {
                            unchecked.add(m + " threw " + e.getCause() + " for null at " + nullAt);
                        }
                    }
                    checked++;
                }
            }
        }
        assertThat(unchecked).isEmpty();
        assertThat(checked).isGreaterThan(40);
    }

    private static Object sample(Class<?> type) {
        if (type == int.class) {
            return 16;
        }
        if (type == Publisher.class) {
            return (Publisher<Object>) s -> { };
        }
        if (type == java.util.concurrent.Flow.Publisher.class) {
            return (java.util.concurrent.Flow.Publisher<Object>) s -> { };
        }
        if (type == Flow.class) {
            return (Flow<Object>) c -> { };
        }
        if (type == Dispatcher.class || type == CoroutineContext.class) {
            return Dispatchers.DEFAULT;
        }
        if (type == SubscriberContext.class) {
            return (SubscriberContext) s -> CoroutineContext.empty();
        }
        if (type == DroppedErrorHandler.class) {
            return (DroppedErrorHandler) (e, c) -> { };
        }
        if (type == UpstreamHook.class) {
            return new UpstreamHook() {
                @Override
                public <T> void subscribe(Publisher<? extends T> p, org.reactivestreams.Subscriber<T> s,
                                          CoroutineContext c) {
                    p.subscribe(s);
                }
            };
        }
        if (type == dev.weft.core.channels.ProducerBlock.class) {
            return (dev.weft.core.channels.ProducerBlock<Object>) s -> { };
        }
        throw new AssertionError("no sample for " + type);
    }

    @Test
    void prefetchMustBePositive() {
        Publisher<Integer> p = s -> { };
        assertThatThrownBy(() -> ReactiveFlows.asFlow(p, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prefetch").hasMessageContaining("0");
        assertThatThrownBy(() -> JdkReactiveFlows.asFlow(s -> { }, -4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-4");
    }

    @Test
    void foreignDispatchersAreRejected() {
        Dispatcher foreign = Fixtures.foreignDispatcher();
        assertThatThrownBy(() -> ReactiveFlows.asPublisher(c -> { }, foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReactiveFlows.publish(foreign, s -> { })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReactiveBridge.standard().asPublisher(c -> { }, foreign))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JdkReactiveFlows.publish((CoroutineContext) foreign, s -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void collectWithNullCollectorIsRejected() {
        assertThatThrownBy(() -> ReactiveFlows.asFlow((Publisher<Integer>) s -> { }).collect(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("collector");
    }

    @Test
    void factoriesAreCold() {
        int[] subscribed = {0};
        Publisher<Integer> p = s -> subscribed[0]++;
        ReactiveFlows.asFlow(p);
        ReactiveFlows.asFlow(p, 3);
        assertThat(subscribed[0]).isZero();
    }
}
