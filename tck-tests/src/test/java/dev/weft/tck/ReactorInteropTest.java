package dev.weft.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The bridge against a real Reactive Streams implementation (Reactor), both ways. */
class ReactorInteropTest {

    private static Flow<Integer> range(int n) {
        return c -> {
            for (int i = 0; i < n; i++) {
                c.emit(i);
            }
        };
    }

    @Test
    void fluxRangeAsFlow() {
        long sum = Coroutines.runBlocking(() -> {
            long[] s = {0};
            ReactiveFlows.asFlow(Flux.range(0, 100_000)).collect(v -> s[0] += v);
            return s[0];
        });
        assertThat(sum).isEqualTo(100_000L * 99_999 / 2);
    }

    @Test
    void asyncFluxAsFlowKeepsOrderAndBoundsDemand() {
        List<Long> requests = new ArrayList<>();
        Flux<Integer> source = Flux.range(0, 20_000).doOnRequest(requests::add).publishOn(Schedulers.parallel(), 32);
        List<Integer> got = Coroutines.runBlocking(() -> {
            List<Integer> out = new ArrayList<>();
            ReactiveFlows.asFlow(source, 64).collect(out::add);
            return out;
        });
        assertThat(got).isEqualTo(IntStream.range(0, 20_000).boxed().toList());
        assertThat(requests).doesNotContain(Long.MAX_VALUE);
    }

    @Test
    void fluxErrorIsRethrown() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            ReactiveFlows.asFlow(Flux.just(1, 2).concatWith(Mono.error(boom))).collect(v -> { });
            return null;
        })).isSameAs(boom);
    }

    @Test
    void stoppingTheCollectorCancelsTheFlux() {
        AtomicInteger cancels = new AtomicInteger();
        // interval needs demand from its first tick on: asFlow requests inside onSubscribe
        // (onBackpressureDrop only keeps a stall of the loaded test machine from failing it)
        Flux<Long> infinite = Flux.interval(Duration.ofMillis(1)).onBackpressureDrop().doOnCancel(cancels::incrementAndGet);
        assertThatThrownBy(() -> Coroutines.runBlocking(() -> {
            ReactiveFlows.asFlow(infinite).collect(v -> {
                if (v >= 5) {
                    throw new IllegalStateException("enough");
                }
            });
            return null;
        })).hasMessage("enough");
        assertThat(cancels).hasValue(1);
    }

    @Test
    void asPublisherUnderFluxOperators() {
        List<Integer> got = Flux.from(ReactiveFlows.asPublisher(range(10_000)))
                .limitRate(7)
                .filter(v -> v % 2 == 0)
                .take(100)
                .collectList()
                .block(Duration.ofSeconds(10));
        assertThat(got).isEqualTo(IntStream.range(0, 200).filter(v -> v % 2 == 0).boxed().toList());
    }

    @Test
    void asPublisherHonoursReactorsBoundedRequests() {
        AtomicLong maxOutstanding = new AtomicLong();
        AtomicLong requested = new AtomicLong();
        AtomicLong received = new AtomicLong();
        Flux.from(ReactiveFlows.asPublisher(range(5000)))
                .doOnRequest(n -> requested.addAndGet(n))
                .doOnNext(v -> {
                    long r = received.incrementAndGet();
                    maxOutstanding.accumulateAndGet(requested.get() - r, Math::max);
                    assertThat(r).isLessThanOrEqualTo(requested.get());
                })
                .publishOn(Schedulers.single(), 16)
                .blockLast(Duration.ofSeconds(10));
        assertThat(received.get()).isEqualTo(5000);
        assertThat(maxOutstanding.get()).isLessThanOrEqualTo(16);
    }

    @Test
    void roundTripFluxToFlowToFlux() {
        Integer last = Flux.from(ReactiveFlows.asPublisher(ReactiveFlows.asFlow(Flux.range(0, 50_000))))
                .blockLast(Duration.ofSeconds(10));
        assertThat(last).isEqualTo(49_999);
    }

    @Test
    void awaitsOnMonoAndFlux() {
        assertThat(Coroutines.runBlocking(() -> ReactiveFlows.awaitSingle(Mono.just("a")))).isEqualTo("a");
        assertThat(Coroutines.runBlocking(() -> ReactiveFlows.awaitFirstOrNull(Mono.<String>empty()))).isNull();
        assertThat(Coroutines.runBlocking(() -> ReactiveFlows.awaitLast(Flux.range(1, 10)))).isEqualTo(10);
        AtomicInteger cancels = new AtomicInteger();
        assertThat(Coroutines.runBlocking(() -> ReactiveFlows.awaitFirst(
                Flux.range(0, Integer.MAX_VALUE).doOnCancel(cancels::incrementAndGet)))).isZero();
        assertThat(cancels).hasValue(1);
        AtomicInteger asyncCancels = new AtomicInteger();
        assertThat(Coroutines.runBlocking(() -> ReactiveFlows.awaitFirst(
                Flux.range(7, Integer.MAX_VALUE - 7).doOnCancel(asyncCancels::incrementAndGet)
                        .publishOn(Schedulers.parallel())))).isEqualTo(7);
        assertThat(asyncCancels).hasValue(1);
    }
}
