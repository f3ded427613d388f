package dev.weft.reactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.context.Context;

/**
 * Runs in its own Surefire execution with {@code io.micrometer:context-propagation} removed from the
 * class path (see the module's pom): the optional dependency is truly optional.
 */
class WithoutContextPropagationTest {

    @Test
    void theLibraryIsAbsent() {
        assertThatThrownBy(() -> Class.forName("io.micrometer.context.ContextRegistry"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void everythingElseWorks() {
        Mono<String> key = Mono.deferContextual(cv -> Mono.just(cv.getOrDefault("k", "none")));
        Mono<List<String>> m = ReactorFlows.mono(() -> List.of(
                ReactorContext.current().getOrDefault("k", "none"),
                ReactorFlows.await(key.subscribeOn(Schedulers.parallel())),
                ReactorContext.with(Context.of("k", "nested"), () -> ReactorFlows.await(key)),
                ReactorFlows.asFlow(Flux.range(1, 3)).map(String::valueOf).reduce((a, b) -> a + b)));
        StepVerifier.create(m.contextWrite(Context.of("k", "v")))
                .expectNext(List.of("v", "v", "nested", "123")).verifyComplete();
        StepVerifier.create(ReactorFlows.asFlux(Flow.of(1, 2)).contextWrite(Context.of("k", "v")))
                .expectNext(1, 2).verifyComplete();
        StepVerifier.create(ReactorFlows.flux(scope -> scope.send(ReactorContext.current().get("k")))
                .contextWrite(Context.of("k", "f"))).expectNext("f").verifyComplete();
        assertThat(Coroutines.runBlocking(() -> ReactorFlows.awaitOrNull(Mono.just("x")))).isEqualTo("x");
    }
}
