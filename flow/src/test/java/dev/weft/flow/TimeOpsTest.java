package dev.weft.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.core.TimeoutCancellationException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * debounce, sample, timeout. Until a virtual-time dispatcher exists these run on real time: each
 * test is built so that only one wide margin matters (a burst of back-to-back emissions against a
 * quiet time several times longer), keeping them short and not flaky.
 */
class TimeOpsTest {

    private static void sleep(long millis) {
        Coroutines.delay(Duration.ofMillis(millis));
    }

    @Test
    void debounceEmitsTheLastOfABurstAfterTheQuietTimeAndTheLastElementAtCompletion() {
        Flow<Integer> bursts = Flow.flow(out -> {
            out.emit(1);
            out.emit(2);
            out.emit(3); // a burst: only 3 survives
            sleep(150);
            out.emit(4);
            out.emit(5); // completes right away: 5 is emitted at once
        });
        assertThat(bursts.debounce(Duration.ofMillis(40)).toList()).containsExactly(3, 5);
    }

    @Test
    void debounceWaitsForTheQuietTime() {
        long start = System.nanoTime();
        List<Long> at = new ArrayList<>();
        Flow.<Integer>flow(out -> {
            out.emit(1);
            sleep(200);
        }).debounce(Duration.ofMillis(50)).forEach(v -> at.add(System.nanoTime() - start));
        assertThat(at).hasSize(1);
        assertThat(at.get(0)).as("not before the quiet time").isGreaterThanOrEqualTo(Duration.ofMillis(50).toNanos());
    }

    @Test
    void debounceDropsThePendingElementWhenTheUpstreamFails() {
        IOException io = new IOException("up");
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> Flow.<Integer>flow(out -> {
            out.emit(1);
            throw io;
        }).debounce(Duration.ofMillis(50)).collect(got::add)).isSameAs(io);
        assertThat(got).isEmpty();
    }

    @Test
    void debounceZeroIsTheFlowItselfAndNegativeIsRefused() {
        Flow<Integer> f = Flow.of(1);
        assertThat(f.debounce(Duration.ZERO)).isSameAs(f);
        assertThatThrownBy(() -> f.debounce(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sampleEmitsTheLatestElementOfEachPeriod() {
        Flow<Integer> ticking = Flow.flow(out -> {
            for (int i = 0; i < 40; i++) {
                out.emit(i);
                sleep(5);
            }
        });
        List<Integer> got = ticking.sample(Duration.ofMillis(50)).toList();
        assertThat(got).isNotEmpty().isSorted().doesNotHaveDuplicates();
        assertThat(got.size()).as("about one per period").isLessThan(10);
        assertThat(got).allMatch(i -> i >= 0 && i < 40);
    }

    @Test
    void sampleEmitsNothingForAQuietPeriodAndDropsTheLastWindow() {
        Flow<Integer> flow = Flow.flow(out -> {
            out.emit(1);
            sleep(250); // ticks at 100 (emits 1) and 200 (nothing new)
            out.emit(2); // completes half a period before the next tick: dropped
        });
        assertThat(flow.sample(Duration.ofMillis(100)).toList()).containsExactly(1);
    }

    @Test
    void sampleFailsWithTheUpstreamAndRefusesAZeroPeriod() {
        IOException io = new IOException("up");
        assertThatThrownBy(() -> Flow.<Integer>error(io).sample(Duration.ofMillis(10)).collect(v -> { })).isSameAs(io);
        assertThatThrownBy(() -> Flow.of(1).sample(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void timeoutFailsWhenTheUpstreamIsTooSlowAndCancelsIt() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        Flow<Integer> slow = Flow.flow(out -> {
            out.emit(1);
            try {
                sleep(10_000);
            } catch (CancellationException e) {
                upstreamCancelled.set(true);
                throw e;
            }
        });
        List<Integer> got = new ArrayList<>();
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.timeout(Duration.ofMillis(50)).collect(got::add))
                .isInstanceOf(TimeoutCancellationException.class).hasMessageContaining("PT0.05S");
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(got).containsExactly(1);
        assertThat(upstreamCancelled).isTrue();
    }

    @Test
    void timeoutDoesNotCountTheDownstreamsTime() {
        Flow<Integer> quick = Flow.flow(out -> {
            for (int i = 0; i < 3; i++) {
                out.emit(i);
            }
        });
        List<Integer> got = quick.timeout(Duration.ofMillis(30)).onEach(v -> sleep(80)).toList();
        assertThat(got).containsExactly(0, 1, 2);
    }

    @Test
    void timeoutPassesAFastFlowAndItsFailureThrough() {
        assertThat(Flow.range(0, 100).timeout(Duration.ofSeconds(10)).count()).isEqualTo(100);
        IOException io = new IOException("up");
        assertThatThrownBy(() -> Flow.<Integer>error(io).timeout(Duration.ofSeconds(10)).collect(v -> { })).isSameAs(io);
        IllegalStateException down = new IllegalStateException("down");
        assertThatThrownBy(() -> Flow.of(1).timeout(Duration.ofSeconds(10)).collect(v -> {
            throw down;
        })).isSameAs(down);
    }

    @Test
    void timeoutZeroTimesOutAtOnceAndCatchErrorCanHandleIt() {
        Probe probe = new Probe();
        assertThatThrownBy(() -> probe.infinite().timeout(Duration.ZERO).toList())
                .isInstanceOf(TimeoutCancellationException.class);
        assertThat(probe.collections).hasValue(0);
        List<Integer> got = Flow.<Integer>flow(out -> sleep(10_000)).timeout(Duration.ofMillis(20))
                .catchError((e, out) -> out.emit(e instanceof TimeoutCancellationException ? -1 : -2)).toList();
        assertThat(got).containsExactly(-1);
    }

    @Test
    void cancellingTheCollectorDuringATimeoutIsACancellationNotATimeout() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Probe probe = new Probe();
        try (OwnedScope scope = CoroutineScope.supervisor(Dispatchers.DEFAULT)) {
            Job job = scope.launch(() -> {
                try {
                    Flow.<Integer>flow(out -> {
                        probe.firstEmitted.countDown();
                        sleep(10_000);
                    }).timeout(Duration.ofSeconds(5)).collect(v -> { });
                } catch (Throwable t) {
                    seen.set(t);
                    throw t;
                }
            });
            probe.firstEmitted.await();
            job.cancel();
            job.join();
        }
        assertThat(seen.get()).isInstanceOf(CancellationException.class)
                .isNotInstanceOf(TimeoutCancellationException.class);
    }
}
