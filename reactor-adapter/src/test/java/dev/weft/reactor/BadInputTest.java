package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.CoroutineContext;
import dev.weft.core.Deferred;
import dev.weft.core.Dispatcher;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.channels.ProducerBlock;
import dev.weft.core.testkit.NullArguments;
import dev.weft.flow.Flow;
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
        NullArguments.Result r = NullArguments.check(List.of(ReactorFlows.class, ReactorContext.class), BadInputTest::sample);
        assertThat(r.problems()).isEmpty();
        assertThat(r.checked()).isGreaterThanOrEqualTo(20);
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
