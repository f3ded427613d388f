package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/** A subscriber-side contextWrite reaches bodies, their coroutines, and what they await or collect. */
class ReactorContextTest {

    private static Mono<String> readKey() {
        return Mono.deferContextual(cv -> Mono.just(cv.getOrDefault("user", "none")));
    }

    @Test
    void monoBodySeesTheSubscriberContextAndPassesItToWhatItAwaits() {
        Mono<List<String>> m = ReactorFlows.mono(() -> {
            List<String> seen = new ArrayList<>();
            seen.add(ReactorContext.current().getOrDefault("user", "none"));
            seen.add(ReactorFlows.await(readKey()));
            seen.add(ReactorFlows.await(readKey().subscribeOn(Schedulers.boundedElastic())));
            seen.add(ReactorFlows.asFlow(Flux.deferContextual(cv -> Flux.just(cv.getOrDefault("user", "none")))).toList().get(0));
            seen.add(ReactorFlows.awaitOrNull(readKey()));
            return seen;
        });
        StepVerifier.create(m.contextWrite(Context.of("user", "alice")))
                .expectNext(List.of("alice", "alice", "alice", "alice", "alice")).verifyComplete();
        StepVerifier.create(m).expectNext(List.of("none", "none", "none", "none", "none")).verifyComplete();
    }

    @Test
    void coroutinesLaunchedInABodyInheritTheContext() {
        Mono<List<String>> m = ReactorFlows.mono(() -> Coroutines.coroutineScope(scope -> {
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            scope.launch(() -> seen.add(ReactorContext.current().get("user")));
            scope.launch(() -> seen.add(ReactorFlows.await(readKey())));
            return seen;
        }));
        StepVerifier.create(m.contextWrite(Context.of("user", "bob")))
                .assertNext(l -> assertThat(l).containsExactly("bob", "bob")).verifyComplete();
    }

    @Test
    void fluxBodyAndItsProducerScopeChildrenSeeTheContext() {
        Flux<String> f = ReactorFlows.flux(scope -> {
            scope.send(ReactorContext.current().get("user"));
            scope.launch(() -> scope.send("child:" + ReactorFlows.await(readKey())));
        });
        StepVerifier.create(f.contextWrite(Context.of("user", "carol")))
                .expectNext("carol", "child:carol").verifyComplete();
    }

    @Test
    void asFluxCollectsWithTheSubscriberContext() {
        Flow<String> flow = Flow.flow(c -> {
            c.emit(ReactorContext.current().getOrDefault("user", "none"));
            c.emit(ReactorFlows.await(readKey()));
        });
        StepVerifier.create(ReactorFlows.asFlux(flow).contextWrite(Context.of("user", "dave")))
                .expectNext("dave", "dave").verifyComplete();
    }

    @Test
    void withAddsEntriesForABlockAndNestsInOrder() {
        Mono<List<String>> m = ReactorFlows.mono(() -> {
            List<String> seen = new ArrayList<>();
            ReactorContext.with(Context.of("user", "inner"), () -> {
                seen.add(ReactorContext.current().get("user") + "/" + ReactorContext.current().get("tenant"));
                ReactorContext.with(Context.of("user", "innermost"), () -> {
                    seen.add(ReactorFlows.await(readKey()));
                    return null;
                });
                seen.add(ReactorFlows.await(readKey()));
                return null;
            });
            seen.add(ReactorFlows.await(readKey()));
            return seen;
        });
        StepVerifier.create(m.contextWrite(Context.of("user", "outer", "tenant", "t1")))
                .expectNext(List.of("inner/t1", "innermost", "inner", "outer")).verifyComplete();
    }

    @Test
    void outsideAnyBodyTheContextIsEmpty() {
        assertThat(ReactorContext.current().isEmpty()).isTrue();
        AtomicReference<Boolean> inCoroutine = new AtomicReference<>();
        Coroutines.runBlocking(() -> {
            inCoroutine.set(ReactorContext.current().isEmpty());
            return null;
        });
        assertThat(inCoroutine.get()).isTrue();
        assertThat(ReactorContext.of(Context.of("k", "v")).context().<String>get("k")).isEqualTo("v");
    }

    @Test
    void aContextAddedWithLaunchReachesAwaits() {
        String r = Coroutines.runBlocking(() -> Coroutines.coroutineScope(scope ->
                scope.async(ReactorContext.of(Context.of("user", "erin")), () -> ReactorFlows.await(readKey())).await()));
        assertThat(r).isEqualTo("erin");
        String viaDelay = Coroutines.runBlocking(() -> ReactorContext.with(Context.of("user", "frank"),
                () -> ReactorFlows.await(Mono.delay(Duration.ofMillis(2)).then(readKey()))));
        assertThat(viaDelay).isEqualTo("frank");
    }
}
