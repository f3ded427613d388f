package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.core.TimeoutCancellationException;
import dev.weft.flow.Flow;
import dev.weft.flow.reactive.ReactiveFlows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * The scenarios of issue 14: each runs in well under a second of real time although it spans
 * minutes to days of virtual time, and gives the same events at the same virtual times on 100 runs.
 */
class VirtualTimeScenariosTest {
    private static final int RUNS = 100;
    private static final long REAL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Runs {@code scenario} once, then {@link #RUNS} times more: every run must give the same log, each within a second. */
    private static List<String> deterministic(Callable<List<String>> scenario) throws Exception {
        List<String> first = scenario.call(); // untimed: loads the classes (Reactor's among them) once per JVM
        for (int run = 0; run < RUNS; run++) {
            long start = System.nanoTime();
            List<String> log = scenario.call();
            long took = System.nanoTime() - start;
            assertThat(took).as("run %d took %d ms of real time", run, TimeUnit.NANOSECONDS.toMillis(took))
                    .isLessThan(REAL_LIMIT_NANOS);
            assertThat(log).as("run %d", run).isEqualTo(first);
        }
        return first;
    }

    private static String at(Object event) {
        return event + "@" + WeftTest.currentTime();
    }

    @Test
    void debounceOfAnHour() throws Exception {
        List<String> log = deterministic(() -> WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            Flow.<Integer>flow(out -> {
                out.emit(1);
                out.emit(2);
                Coroutines.delay(Duration.ofMinutes(30));
                out.emit(3); // 2 was not quiet for an hour: dropped
                Coroutines.delay(Duration.ofHours(2));
                out.emit(4); // the flow ends at once: 4 is emitted at once
            }).debounce(Duration.ofHours(1)).collect(v -> events.add(at(v)));
            return events;
        }));
        assertThat(log).containsExactly("3@PT1H30M", "4@PT2H30M");
    }

    @Test
    void withTimeoutOfADay() throws Exception {
        List<String> log = deterministic(() -> WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            events.add(at(Coroutines.withTimeout(Duration.ofDays(1), () -> {
                Coroutines.delay(Duration.ofHours(23));
                return "in time";
            })));
            try {
                Coroutines.withTimeout(Duration.ofDays(1), () -> {
                    Coroutines.delay(Duration.ofHours(25));
                    return "late";
                });
            } catch (TimeoutCancellationException e) {
                events.add(at("timed out"));
            }
            return events;
        }));
        assertThat(log).containsExactly("in time@PT23H", "timed out@PT47H");
    }

    @Test
    void sampleOfAMinute() throws Exception {
        List<String> log = deterministic(() -> WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            Flow.<Integer>flow(out -> {
                for (int i = 0; i < 10; i++) {
                    out.emit(i); // at 0, 25, 50, ... 225 s
                    Coroutines.delay(Duration.ofSeconds(25));
                }
            }).sample(Duration.ofMinutes(1)).collect(v -> events.add(at(v)));
            return events;
        }));
        // ticks at 60, 120, 180 and 240 s take the latest element; the flow ends at 250 s
        assertThat(log).containsExactly("2@PT1M", "4@PT2M", "7@PT3M", "9@PT4M");
    }

    @Test
    void timeoutOfTenMinutes() throws Exception {
        List<String> log = deterministic(() -> WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            try {
                Flow.<Integer>flow(out -> {
                    out.emit(1);
                    Coroutines.delay(Duration.ofMinutes(9));
                    out.emit(2);
                    Coroutines.delay(Duration.ofHours(1));
                    out.emit(3);
                }).timeout(Duration.ofMinutes(10)).collect(v -> events.add(at(v)));
            } catch (TimeoutCancellationException e) {
                events.add(at("timeout"));
            }
            return events;
        }));
        assertThat(log).containsExactly("1@PT0S", "2@PT9M", "timeout@PT19M");
    }

    @Test
    void reactorIntervalOfAMinuteThroughAsFlow() throws Exception {
        List<String> log = deterministic(() -> WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            ReactiveFlows.asFlow(Flux.interval(Duration.ofMinutes(1)).take(10))
                    .collect(v -> events.add(at(v)));
            events.add(at("done"));
            return events;
        }));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(i + "@PT" + (i + 1) + "M");
        }
        expected.add("done@PT10M");
        assertThat(log).isEqualTo(expected);
    }

    @Test
    void reactorAndWeftTimeAdvanceTogether() {
        List<String> log = WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            scope.launch(() -> {
                for (int i = 1; i <= 3; i++) {
                    Coroutines.delay(Duration.ofSeconds(40));
                    events.add(at("weft" + i));
                }
            });
            ReactiveFlows.asFlow(Flux.interval(Duration.ofMinutes(1)).take(2)).collect(v -> events.add(at("reactor" + v)));
            return events;
        });
        // at the same instant weft's timers run before the Reactor scheduler's tasks (ADR 0010)
        assertThat(log).containsExactly("weft1@PT40S", "reactor0@PT1M", "weft2@PT1M20S", "weft3@PT2M", "reactor1@PT2M");
    }
}
