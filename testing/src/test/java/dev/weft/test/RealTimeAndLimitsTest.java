package dev.weft.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.CoroutineName;
import dev.weft.core.Coroutines;
import dev.weft.core.Dispatchers;
import dev.weft.core.channels.Channel;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real time inside runTest: the hold, the divergence diagnostic, the wall-clock limit; failures. */
class RealTimeAndLimitsTest {

    @Test
    void realWorkOnAnotherDispatcherTakesNoVirtualTime() {
        String v = WeftTest.runTest(scope -> {
            scope.launch(() -> Coroutines.delay(Duration.ofMinutes(1))); // a deadline the clock could jump to
            // without the hold, the virtual 1 s timeout would fire while the real 50 ms pass
            String r = Coroutines.withTimeout(Duration.ofSeconds(1), () -> Coroutines.withContext(Dispatchers.IO, () -> {
                Thread.sleep(50);
                return "real";
            }));
            return r + "@" + WeftTest.currentTime();
        });
        assertThat(v).isEqualTo("real@PT0S");
    }

    @Test
    void shortRealHopsNeverLetTheClockSlipUnderStress() {
        String v = WeftTest.runTest(TestConfig.defaults().withTimeout(Duration.ofSeconds(20)), scope -> {
            int[] ticks = {0};
            WeftTest.backgroundScope().launch(() -> {
                while (true) {
                    Coroutines.delay(Duration.ofMillis(10));
                    ticks[0]++;
                }
            });
            long sum = 0;
            for (int i = 0; i < 500; i++) {
                int n = i;
                sum += Coroutines.withTimeout(Duration.ofMillis(5), () -> Coroutines.withContext(Dispatchers.DEFAULT, () -> n));
            }
            return sum + " " + ticks[0] + "@" + WeftTest.currentTime();
        });
        assertThat(v).as("each hop took no virtual time").isEqualTo("124750 0@PT0S");
    }

    @Test
    void aRealSleepWhileAVirtualDeadlineIsPendingFailsWithADiagnostic() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> WeftTest.runTest(TestConfig.defaults().withRealTimeWaitLimit(Duration.ofMillis(200)), scope -> {
            scope.launch(CoroutineName.of("ticker"), () -> Coroutines.delay(Duration.ofSeconds(1)));
            Coroutines.withContext(Dispatchers.DEFAULT, () -> null); // nothing: just a real hop, ended before the sleep
            Thread.sleep(30_000); // real time, in a coroutine of the test dispatcher
            return null;
        })).isInstanceOf(VirtualTimeDivergenceError.class)
                .hasMessageContaining("has a deadline due at PT1S")
                .hasMessageContaining("timed wait in real time")
                .hasMessageContaining("RealTimeAndLimitsTest")
                .hasMessageNotContaining("ticker"); // the ticker waits on virtual time: not named
        assertThat(System.nanoTime() - start).as("reported after the limit, not after the sleep")
                .isLessThan(TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void withAZeroLimitAnyRealTimeWaitThatHoldsTheClockFailsAtOnce() {
        assertThatThrownBy(() -> WeftTest.runTest(TestConfig.defaults().withRealTimeWaitLimit(Duration.ZERO), scope -> {
            scope.launch(() -> Coroutines.delay(Duration.ofMinutes(1)));
            return Coroutines.withContext(Dispatchers.IO, () -> {
                Thread.sleep(10_000);
                return "never";
            });
        })).isInstanceOf(VirtualTimeDivergenceError.class).hasMessageContaining("runs on dispatcher 'weft-io'");
    }

    @Test
    void aRealWaitWithNoVirtualDeadlinePendingIsNoDivergence() {
        String v = WeftTest.runTest(TestConfig.defaults().withRealTimeWaitLimit(Duration.ZERO), scope -> {
            Thread.sleep(20);
            return "slept@" + WeftTest.currentTime();
        });
        assertThat(v).isEqualTo("slept@PT0S");
    }

    @Test
    void aTestThatNeverFinishesFailsWithADumpWithinTheLimit() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> WeftTest.runTest(TestConfig.defaults().withTimeout(Duration.ofMillis(300)), scope -> {
            scope.launch(CoroutineName.of("stuck-child"), () -> Channel.<String>rendezvous().receive());
            Coroutines.delay(Duration.ofHours(5));
            Channel.<String>rendezvous().receive(); // waits forever
            return null;
        })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("did not finish within PT0.3S of real time (virtual time PT5H)")
                .hasMessageContaining("\"stuck-child#")
                .hasMessageContaining("\"runTest-body#")
                .hasMessageContaining("aTestThatNeverFinishesFailsWithADumpWithinTheLimit")
                .hasMessageContaining("ChannelImpl.receive");
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(300 + 5_000));
    }

    @Test
    void theBodysFailureIsRethrownUncheckedAsIsCheckedWrapped() {
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            Coroutines.delay(Duration.ofHours(1));
            throw boom;
        })).isSameAs(boom);
        IOException io = new IOException("io");
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            throw io;
        })).isInstanceOf(CompletionException.class).hasCause(io);
    }

    @Test
    void aFailingChildFailsTheTestAndCancelsItsSiblings() {
        List<String> log = new ArrayList<>();
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            scope.launch(() -> {
                try {
                    Coroutines.delay(Duration.ofDays(1));
                } finally {
                    log.add("sibling cancelled@" + WeftTest.currentTime());
                }
            });
            scope.launch(() -> {
                Coroutines.delay(Duration.ofMinutes(1));
                throw new IllegalStateException("child");
            });
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("child");
        assertThat(log).containsExactly("sibling cancelled@PT1M");
    }

    @Test
    void aFailureInTheBackgroundFailsTheTest() {
        assertThatThrownBy(() -> WeftTest.runTest(scope -> {
            WeftTest.backgroundScope().launch(() -> {
                Coroutines.delay(Duration.ofSeconds(1));
                throw new IllegalStateException("background");
            });
            Coroutines.delay(Duration.ofHours(1));
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessage("background");
    }

    @Test
    void advanceUntilIdleIgnoresBackgroundTickers() {
        String v = WeftTest.runTest(TestConfig.defaults().withAutoAdvance(false), scope -> {
            int[] ticks = {0};
            WeftTest.backgroundScope().launch(() -> {
                while (true) {
                    Coroutines.delay(Duration.ofSeconds(1));
                    ticks[0]++;
                }
            });
            boolean[] done = {false};
            scope.launch(() -> {
                Coroutines.delay(Duration.ofSeconds(5));
                done[0] = true;
            });
            WeftTest.advanceUntilIdle();
            return done[0] + " " + ticks[0] + "@" + WeftTest.currentTime();
        });
        assertThat(v).isEqualTo("true 5@PT5S");
    }

    @Test
    void timeControlsRefuseCallsOutsideTheTestDispatcher() {
        assertThatThrownBy(WeftTest::runCurrent).isInstanceOf(IllegalStateException.class).hasMessageContaining("only inside");
        assertThatThrownBy(WeftTest::currentTime).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(WeftTest::backgroundScope).isInstanceOf(IllegalStateException.class);
        assertThat(WeftTest.isVirtualTime()).isFalse();
        WeftTest.runTest(scope -> {
            assertThat(WeftTest.isVirtualTime()).isTrue();
            assertThatThrownBy(() -> Coroutines.withContext(Dispatchers.DEFAULT, () -> {
                WeftTest.advanceTimeBy(Duration.ofSeconds(1));
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("test dispatcher");
            assertThatThrownBy(() -> WeftTest.advanceTimeBy(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
            return null;
        });
    }

    @Test
    void nullArgumentsAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> WeftTest.runTest(null)).isInstanceOf(NullPointerException.class).hasMessage("body");
        assertThatThrownBy(() -> WeftTest.runTest(null, scope -> 1)).isInstanceOf(NullPointerException.class).hasMessage("config");
        assertThatThrownBy(() -> WeftTest.advanceTimeBy(null)).isInstanceOf(NullPointerException.class).hasMessage("by");
        assertThatThrownBy(() -> TestConfig.defaults().withTimeout(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
        assertThatThrownBy(() -> TestConfig.defaults().withTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TestConfig.defaults().withRealTimeWaitLimit(null)).isInstanceOf(NullPointerException.class).hasMessage("limit");
        assertThatThrownBy(() -> TestConfig.defaults().withRealTimeWaitLimit(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
