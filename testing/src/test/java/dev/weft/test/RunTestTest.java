package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Coroutines;
import dev.weft.core.Deferred;
import dev.weft.core.Job;
import dev.weft.core.TimeoutCancellationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTestTest {

    @Test
    void aDelayOfADayTakesNoRealTimeAndMovesTheVirtualClock() {
        long start = System.nanoTime();
        Duration after = WeftTest.runTest(scope -> {
            assertThat(WeftTest.currentTime()).isZero();
            Coroutines.delay(Duration.ofDays(1));
            return WeftTest.currentTime();
        });
        assertThat(after).isEqualTo(Duration.ofDays(1));
        assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(5).toNanos());
    }

    @Test
    void withTimeoutOfADayFiresOnVirtualTime() {
        assertThatThrownBy(() -> WeftTest.runTest(scope -> Coroutines.withTimeout(Duration.ofDays(1), () -> {
            Coroutines.delay(Duration.ofDays(2));
            return "late";
        }))).isInstanceOf(TimeoutCancellationException.class);
        assertThat(WeftTest.<String>runTest(scope -> {
            String v = Coroutines.withTimeoutOrNull(Duration.ofDays(1), () -> {
                Coroutines.delay(Duration.ofHours(23));
                return "in time";
            });
            return v + "@" + WeftTest.currentTime();
        })).isEqualTo("in time@PT23H");
    }

    @Test
    void coroutinesInterleaveInVirtualTimeOrder() {
        List<String> events = WeftTest.runTest(scope -> {
            List<String> log = new ArrayList<>();
            scope.launch(() -> {
                for (int i = 0; i < 3; i++) {
                    Coroutines.delay(Duration.ofSeconds(3));
                    log.add("a" + i + "@" + WeftTest.currentTime().toSeconds());
                }
            });
            scope.launch(() -> {
                for (int i = 0; i < 4; i++) {
                    Coroutines.delay(Duration.ofSeconds(2));
                    log.add("b" + i + "@" + WeftTest.currentTime().toSeconds());
                }
            });
            return log;
        });
        assertThat(events).containsExactly("b0@2", "a0@3", "b1@4", "a1@6", "b2@6", "b3@8", "a2@9");
    }

    @Test
    void advanceTimeByRunsWhatIsDueUpToTheTargetInclusive() {
        WeftTest.runTest(TestConfig.defaults().withAutoAdvance(false), scope -> {
            List<Long> seen = new ArrayList<>();
            Job job = scope.launch(() -> {
                Coroutines.delay(Duration.ofMillis(500));
                seen.add(WeftTest.currentTime().toMillis());
                Coroutines.delay(Duration.ofMillis(500));
                seen.add(WeftTest.currentTime().toMillis());
            });
            WeftTest.runCurrent();
            assertThat(seen).isEmpty();
            WeftTest.advanceTimeBy(Duration.ofMillis(499));
            assertThat(seen).isEmpty();
            WeftTest.advanceTimeBy(Duration.ofMillis(1));
            assertThat(seen).containsExactly(500L);
            assertThat(WeftTest.currentTime()).isEqualTo(Duration.ofMillis(500));
            WeftTest.advanceUntilIdle();
            assertThat(seen).containsExactly(500L, 1000L);
            assertThat(job.isCompleted()).isTrue();
            return null;
        });
    }

    @Test
    void backgroundWorkIsCancelledAtTheEnd() {
        Job[] ticker = new Job[1];
        int ticks = WeftTest.runTest(scope -> {
            int[] count = {0};
            ticker[0] = WeftTest.backgroundScope().launch(() -> {
                while (true) {
                    Coroutines.delay(Duration.ofSeconds(1));
                    count[0]++;
                }
            });
            Coroutines.delay(Duration.ofMillis(10_500));
            return count[0];
        });
        assertThat(ticks).isEqualTo(10);
        assertThat(ticker[0].isCancelled()).isTrue();
    }
}
