package dev.weft.flow.hot;

import static dev.weft.flow.hot.Hot.awaitEquals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineScope;
import dev.weft.core.Dispatchers;
import dev.weft.core.Job;
import dev.weft.core.OwnedScope;
import dev.weft.flow.MutableStateFlow;
import dev.weft.flow.SharingCommand;
import dev.weft.flow.SharingStarted;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharingStartedTest {
    private static final SharingCommand START = SharingCommand.START;
    private static final SharingCommand STOP = SharingCommand.STOP;
    private static final SharingCommand RESET = SharingCommand.STOP_AND_RESET_REPLAY_CACHE;

    @Test
    void rejectsBadDurations() {
        assertThatThrownBy(() -> SharingStarted.whileSubscribed(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stopTimeout");
        assertThatThrownBy(() -> SharingStarted.whileSubscribed(Duration.ZERO, Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replayExpiration");
        assertThatThrownBy(() -> SharingStarted.whileSubscribed(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("stopTimeout");
        assertThatThrownBy(() -> SharingStarted.whileSubscribed(Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("replayExpiration");
        assertThatThrownBy(() -> SharingStarted.EAGERLY.command(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> SharingStarted.whileSubscribed().command(null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalityAndNames() {
        assertThat(SharingStarted.whileSubscribed())
                .isEqualTo(SharingStarted.whileSubscribed(Duration.ZERO, ChronoUnit.FOREVER.getDuration()))
                .isNotEqualTo(SharingStarted.whileSubscribed(Duration.ofSeconds(1)))
                .hasSameHashCodeAs(SharingStarted.whileSubscribed(Duration.ZERO));
        assertThat(SharingStarted.whileSubscribed(Duration.ofSeconds(5), Duration.ZERO))
                .hasToString("SharingStarted.whileSubscribed(stopTimeout=PT5S, replayExpiration=PT0S)");
        assertThat(SharingStarted.whileSubscribed()).hasToString(
                "SharingStarted.whileSubscribed(stopTimeout=PT0S, replayExpiration=forever)");
        assertThat(SharingStarted.EAGERLY).hasToString("SharingStarted.EAGERLY");
        assertThat(SharingStarted.LAZILY).hasToString("SharingStarted.LAZILY");
    }

    /** Collects the commands of {@code started} for the count in a coroutine of {@code scope}. */
    private static List<SharingCommand> record(OwnedScope scope, SharingStarted started,
                                               MutableStateFlow<Integer> count) {
        List<SharingCommand> out = new CopyOnWriteArrayList<>();
        scope.launch(() -> started.command(count.asStateFlow()).collect(out::add));
        return out;
    }

    @Test
    void eagerlyStartsAtOnceAndCompletes() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope, SharingStarted.EAGERLY, count);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            Hot.await("command flow completed", () -> scope.job().children().isEmpty());
        }
    }

    @Test
    void lazilyStartsOnTheFirstSubscriberAndCompletes() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope, SharingStarted.LAZILY, count);
            Thread.sleep(20);
            assertThat(got).isEmpty();
            count.setValue(2);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            Hot.await("command flow completed", () -> scope.job().children().isEmpty());
        }
    }

    @Test
    void whileSubscribedWithoutExpirationStopsButNeverResets() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(0);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope, SharingStarted.whileSubscribed(), count);
            Thread.sleep(20);
            assertThat(got).as("no leading stop commands").isEmpty();
            count.setValue(1);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            count.setValue(2);
            count.setValue(0);
            awaitEquals("stop", () -> List.copyOf(got), List.of(START, STOP));
            count.setValue(1);
            awaitEquals("restart", () -> List.copyOf(got), List.of(START, STOP, START));
        }
    }

    @Test
    void whileSubscribedWithZeroExpirationResetsAtOnce() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope, SharingStarted.whileSubscribed(Duration.ZERO, Duration.ZERO), count);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            count.setValue(0);
            awaitEquals("reset without a plain stop", () -> List.copyOf(got), List.of(START, RESET));
            count.setValue(3);
            awaitEquals("restart", () -> List.copyOf(got), List.of(START, RESET, START));
        }
    }

    @Test
    void whileSubscribedWaitsTheStopTimeoutThenTheExpiration() throws Exception {
        long stopMillis = 30;
        long expireMillis = 30;
        MutableStateFlow<Integer> count = MutableStateFlow.create(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope,
                    SharingStarted.whileSubscribed(Duration.ofMillis(stopMillis), Duration.ofMillis(expireMillis)), count);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            long before = System.nanoTime();
            count.setValue(0);
            awaitEquals("stop", () -> List.copyOf(got), List.of(START, STOP));
            long stopAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(stopAt).isGreaterThanOrEqualTo(stopMillis);
            awaitEquals("reset", () -> List.copyOf(got), List.of(START, STOP, RESET));
            long resetAt = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
            assertThat(resetAt).isGreaterThanOrEqualTo(stopMillis + expireMillis);
        }
    }

    @Test
    void aSubscriberReturningDuringTheExpirationRestartsWithoutReset() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope,
                    SharingStarted.whileSubscribed(Duration.ZERO, Duration.ofMinutes(1)), count);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            count.setValue(0);
            awaitEquals("stop", () -> List.copyOf(got), List.of(START, STOP));
            count.setValue(1);
            awaitEquals("restart", () -> List.copyOf(got), List.of(START, STOP, START));
        }
    }

    @Test
    void aSubscriberReturningWithinTheStopTimeoutCausesNoCommand() throws Exception {
        MutableStateFlow<Integer> count = MutableStateFlow.create(1);
        try (OwnedScope scope = CoroutineScope.of(Dispatchers.DEFAULT)) {
            List<SharingCommand> got = record(scope, SharingStarted.whileSubscribed(Duration.ofMinutes(1)), count);
            awaitEquals("start", () -> List.copyOf(got), List.of(START));
            for (int i = 0; i < 20; i++) {
                count.setValue(0);
                Thread.sleep(1);
                count.setValue(1);
            }
            Thread.sleep(20);
            assertThat(got).containsExactly(START);
            Job collector = scope.job().children().get(0);
            assertThat(collector.isActive()).isTrue();
        }
    }
}
