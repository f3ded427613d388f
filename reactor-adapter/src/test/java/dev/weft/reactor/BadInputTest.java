package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.flow.Flow;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** Every public entry point rejects null arguments with a NullPointerException naming them. */
class BadInputTest {

    @Test
    void everyPublicMethodRejectsNullArguments() throws Exception {
        List<String> unchecked = new ArrayList<>();
        int checked = 0;
        for (Class<?> api : List.of(ReactorFlows.class, ReactorContext.class)) {
            for (Method m : api.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || !Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                Class<?>[] types = m.getParameterTypes();
                for (int nullAt = 0; nullAt < types.length; nullAt++) {
                    Object[] args = new Object[types.length];
                    for (int i = 0; i < types.length; i++) {
                        args[i] = i == nullAt ? null : sample(types[i]);
                    }
                    try {
                        m.invoke(null, args);
                        unchecked.add(m + " accepted null at " + nullAt);
                    } catch (InvocationTargetException e) {
                        if (!(e.getCause() instanceof NullPointerException npe) || npe.getMessage() == null
                                || npe.getMessage().isBlank() || npe.getMessage().contains(" ")) {
                            unchecked.add(m + " threw " + e.getCause() + " for null at " + nullAt);
                        }
                    }
                    checked++;
                }
            }
        }
        assertThat(unchecked).isEmpty();
        assertThat(checked).isGreaterThanOrEqualTo(20);
    }

    private static Object sample(Class<?> type) {
        if (type == Flux.class) {
            return Flux.just(1);
        }
        if (type == Mono.class) {
            return Mono.just(1);
        }
        if (type == Flow.class) {
            return Flow.of(1);
        }
        if (type == Dispatcher.class || type == CoroutineContext.class) {
            return Dispatchers.DEFAULT;
        }
        if (type == Scheduler.class) {
            return Schedulers.parallel();
        }
        if (type == Callable.class) {
            return (Callable<Object>) () -> 1;
        }
        if (type == ProducerBlock.class) {
            return (ProducerBlock<Object>) scope -> { };
        }
        if (type == ContextView.class) {
            return Context.of("k", "v");
        }
        if (type == Deferred.class || type == Job.class) {
            return new CompletedDeferred();
        }
        throw new AssertionError("no sample for " + type);
    }

    /** A completed deferred, to sample the Deferred/Job parameters without starting coroutines. */
    private static final class CompletedDeferred implements Deferred<Object> {
        @Override
        public Object await() {
            return 1;
        }

        @Override
        public CompletableFuture<Object> asCompletableFuture() {
            return CompletableFuture.completedFuture(1);
        }

        @Override
        public boolean isActive() {
            return false;
        }

        @Override
        public boolean isCompleted() {
            return true;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void join() {
        }

        @Override
        public List<Job> children() {
            return List.of();
        }

        @Override
        public dev.weft.core.Disposable invokeOnCompletion(java.util.function.Consumer<? super Throwable> handler) {
            handler.accept(null);
            return () -> { };
        }
    }
}
