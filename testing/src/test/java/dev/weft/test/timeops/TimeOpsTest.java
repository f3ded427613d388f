package dev.weft.test.timeops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.Job;
import dev.weft.core.TimeoutCancellationException;
import dev.weft.flow.Flow;
import dev.weft.test.WeftTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * debounce, sample, timeout: weft-flow's time operators, tested on virtual time. They moved here
 * from weft-flow's own tests, which ran on real time with wide margins: weft-flow cannot
 * test-depend on weft-test (weft-test depends on weft-flow), so the tests live beside the virtual
 * clock (docs/adr/0010-virtual-time.md). On virtual time each element is checked at its exact
 * instant, not against a margin.
 */
class TimeOpsTest {

    private static void sleep(long millis) {
        Coroutines.delay(Duration.ofMillis(millis));
    }

    private static String at(Object v) {
        return v + "@" + WeftTest.currentTime().toMillis();
    }

    @Test
    void debounceEmitsTheLastOfABurstAfterTheQuietTimeAndTheLastElementAtCompletion() {
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> {
                e.emit(1);
                e.emit(2);
                e.emit(3); // a burst: only 3 survives
                sleep(150);
                e.emit(4);
                e.emit(5); // completes right away: 5 is emitted at once
            }).debounce(Duration.ofMillis(40)).collect(v -> out.add(at(v)));
            return out;
        });
        assertThat(got).containsExactly("3@40", "5@150");
    }

    @Test
    void debounceWaitsExactlyTheQuietTime() {
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> {
                e.emit(1);
                sleep(49);
                e.emit(2); // 1 was quiet for only 49 ms: dropped
                sleep(200);
            }).debounce(Duration.ofMillis(50)).collect(v -> out.add(at(v)));
            return out;
        });
        assertThat(got).containsExactly("2@99");
    }

    @Test
    void debounceDropsThePendingElementWhenTheUpstreamFails() {
        IOException io = new IOException("up");
        List<Integer> got = new ArrayList<>();
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            Flow.<Integer>flow(e -> {
                e.emit(1);
                throw io;
            }).debounce(Duration.ofMillis(50)).collect(got::add);
            return null;
        })).isInstanceOf(java.util.concurrent.CompletionException.class).hasCause(io);
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
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> {
                for (int i = 0; i < 40; i++) {
                    e.emit(i); // at 0, 5, ... 195 ms
                    sleep(5);
                }
            }).sample(Duration.ofMillis(50)).collect(v -> out.add(at(v)));
            return out;
        });
        // the emitter's element due at a tick's instant was scheduled before the tick's timer, so it
        // is the latest at that tick; the flow ends at 200 ms, with the tick of that instant not yet run
        assertThat(got).containsExactly("10@50", "20@100", "30@150");
    }

    @Test
    void sampleEmitsNothingForAQuietPeriodAndDropsTheLastWindow() {
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> {
                e.emit(1);
                sleep(250); // ticks at 100 (emits 1) and 200 (nothing new)
                e.emit(2); // completes half a period before the next tick: dropped
            }).sample(Duration.ofMillis(100)).collect(v -> out.add(at(v)));
            return out;
        });
        assertThat(got).containsExactly("1@100");
    }

    @Test
    void sampleFailsWithTheUpstreamAndRefusesAZeroPeriod() {
        IOException io = new IOException("up");
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            Flow.<Integer>error(io).sample(Duration.ofMillis(10)).collect(v -> { });
            return null;
        })).hasCause(io);
        assertThatThrownBy(() -> Flow.of(1).sample(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
    }

    @Test
    void timeoutFailsWhenTheUpstreamIsTooSlowAndCancelsIt() {
        AtomicBoolean upstreamCancelled = new AtomicBoolean();
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            try {
                Flow.<Integer>flow(e -> {
                    e.emit(1);
                    try {
                        sleep(10_000);
                    } catch (CancellationException ce) {
                        upstreamCancelled.set(true);
                        throw ce;
                    }
                }).timeout(Duration.ofMillis(50)).collect(v -> out.add(at(v)));
            } catch (TimeoutCancellationException e) {
                out.add(at(e.getMessage()));
            }
            return out;
        });
        assertThat(got).containsExactly("1@0", "timed out after PT0.05S waiting for the next element of the flow@50");
        assertThat(upstreamCancelled).isTrue();
    }

    @Test
    void timeoutDoesNotCountTheDownstreamsTime() {
        List<String> got = WeftTest.runTest(scope -> {
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> {
                for (int i = 0; i < 3; i++) {
                    e.emit(i);
                }
            }).timeout(Duration.ofMillis(30)).onEach(v -> sleep(80)).collect(v -> out.add(at(v)));
            return out;
        });
        assertThat(got).containsExactly("0@80", "1@160", "2@240");
    }

    @Test
    void timeoutPassesAFastFlowAndItsFailureThrough() {
        WeftTest.runTest(scope -> {
            assertThat(Flow.range(0, 100).timeout(Duration.ofSeconds(10)).count()).isEqualTo(100);
            IOException io = new IOException("up");
            assertThatThrownBy(() -> Flow.<Integer>error(io).timeout(Duration.ofSeconds(10)).collect(v -> { })).isSameAs(io);
            IllegalStateException down = new IllegalStateException("down");
            assertThatThrownBy(() -> Flow.of(1).timeout(Duration.ofSeconds(10)).collect(v -> {
                throw down;
            })).isSameAs(down);
            assertThat(WeftTest.currentTime()).isZero();
            return null;
        });
    }

    @Test
    void timeoutZeroTimesOutAtOnceAndCatchErrorCanHandleIt() {
        AtomicInteger collections = new AtomicInteger();
        List<String> got = WeftTest.runTest(scope -> {
            Flow<Integer> infinite = Flow.flow(e -> {
                collections.incrementAndGet();
                for (int i = 0; ; i++) {
                    e.emit(i);
                }
            });
            assertThatThrownBy(() -> infinite.timeout(Duration.ZERO).toList()).isInstanceOf(TimeoutCancellationException.class);
            List<String> out = new ArrayList<>();
            Flow.<Integer>flow(e -> sleep(10_000)).timeout(Duration.ofMillis(20))
                    .catchError((e, o) -> o.emit(e instanceof TimeoutCancellationException ? -1 : -2))
                    .collect(v -> out.add(at(v)));
            return out;
        });
        assertThat(collections).hasValue(0);
        assertThat(got).containsExactly("-1@20");
    }

    @Test
    void cancellingTheCollectorDuringATimeoutIsACancellationNotATimeout() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        WeftTest.runTest(scope -> {
            Job job = scope.launch(() -> {
                try {
                    Flow.<Integer>flow(e -> sleep(10_000)).timeout(Duration.ofSeconds(5)).collect(v -> { });
                } catch (Throwable t) {
                    seen.set(t);
                    throw t;
                }
            });
            sleep(1_000);
            job.cancel();
            job.join();
            assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofSeconds(1));
            return null;
        });
        assertThat(seen.get()).isInstanceOf(CancellationException.class)
                .isNotInstanceOf(TimeoutCancellationException.class);
    }
}
