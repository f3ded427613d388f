package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Coroutines;
import dev.weft.flow.reactive.ReactiveFlows;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Reactor's and RxJava's test schedulers follow the virtual clock inside runTest and are gone after it. */
class SchedulerHooksTest {

    @Test
    void reactorVirtualTimeSchedulerIsInstalledForTheTestOnlyAndMonoDelayFollowsTheClock() {
        assertThat(VirtualTimeScheduler.isFactoryEnabled()).isFalse();
        String v = WeftTest.runTest(scope -> {
            assertThat(VirtualTimeScheduler.isFactoryEnabled()).isTrue();
            Long tick = ReactiveFlows.awaitSingle(Mono.delay(Duration.ofHours(3)));
            return tick + "@" + WeftTest.currentTime();
        });
        assertThat(v).isEqualTo("0@PT3H");
        assertThat(VirtualTimeScheduler.isFactoryEnabled()).isFalse();
        assertThat(Schedulers.parallel().now(TimeUnit.DAYS)).as("real time again").isGreaterThan(10_000);
    }

    @Test
    void aReactorTimeoutRacesWeftTimeOnTheSameClock() {
        List<String> log = WeftTest.runTest(scope -> {
            List<String> events = new ArrayList<>();
            try {
                ReactiveFlows.awaitSingle(Mono.never().timeout(Duration.ofMinutes(2)));
            } catch (java.util.concurrent.CompletionException e) { // Reactor's TimeoutException is checked
                events.add(e.getCause().getClass().getSimpleName() + "@" + WeftTest.currentTime());
            }
            Coroutines.delay(Duration.ofMinutes(1));
            events.add("delay@" + WeftTest.currentTime());
            return events;
        });
        assertThat(log).containsExactly("TimeoutException@PT2M", "delay@PT3M");
    }

    @Test
    void reactorTimeIsKeptInStepWhileOnlyWeftTimeMoves() {
        String v = WeftTest.runTest(scope -> {
            Coroutines.delay(Duration.ofMinutes(5)); // nothing of Reactor's is due meanwhile
            assertThat(Schedulers.parallel().now(TimeUnit.MINUTES)).isEqualTo(5);
            ReactiveFlows.awaitSingle(Mono.delay(Duration.ofMinutes(1)));
            return "delayed until " + WeftTest.currentTime();
        });
        assertThat(v).isEqualTo("delayed until PT6M");
    }

    @Test
    void rxJavaTestSchedulerIsInstalledThroughThePluginsAndRestored() {
        assertThat(RxJavaPlugins.getComputationSchedulerHandler()).isNull();
        List<String> log = WeftTest.runTest(scope -> {
            assertThat(io.reactivex.rxjava3.schedulers.Schedulers.computation()).isInstanceOf(TestScheduler.class);
            assertThat(io.reactivex.rxjava3.schedulers.Schedulers.io()).isInstanceOf(TestScheduler.class);
            List<String> events = new ArrayList<>();
            ReactiveFlows.asFlow(Flowable.interval(1, TimeUnit.MINUTES).take(3))
                    .collect(v -> events.add(v + "@" + WeftTest.currentTime()));
            return events;
        });
        assertThat(log).containsExactly("0@PT1M", "1@PT2M", "2@PT3M");
        assertThat(RxJavaPlugins.getComputationSchedulerHandler()).isNull();
        assertThat(RxJavaPlugins.getIoSchedulerHandler()).isNull();
        assertThat(RxJavaPlugins.getSingleSchedulerHandler()).isNull();
        assertThat(RxJavaPlugins.getNewThreadSchedulerHandler()).isNull();
        assertThat(io.reactivex.rxjava3.schedulers.Schedulers.computation()).isNotInstanceOf(TestScheduler.class);
    }

    @Test
    void hooksAreRestoredWhenTheTestFails() {
        try {
            WeftTest.runTest(scope -> {
                throw new IllegalStateException("fails");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("fails");
        }
        assertThat(VirtualTimeScheduler.isFactoryEnabled()).isFalse();
        assertThat(RxJavaPlugins.getComputationSchedulerHandler()).isNull();
    }
}
